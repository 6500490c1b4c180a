"""The project office's dashboard in the Wagtail admin (group «Проектный офис» and superusers).

dashboard: every project with its colour by the one rule (projects.status) and the reasons,
overdue points, reports awaiting review and the worst past-year attainment; filtered by sector,
curator and colour. export.csv and export.xlsx: the same rows with the same filters.
"""

import io
from dataclasses import dataclass

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.csv import SafeWriter, neutralise
from projects.models import ControlPointReport, IndicatorFact, Person, ProjectPage, Sector
from projects.models.reports import ReportState
from projects.status import (
    COLOUR_CHOICES,
    COLOUR_FILLS,
    attach_health,
)

PERMISSION = "projects.review_reports"
CSV_DELIMITER = ";"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class OfficeFilterForm(forms.Form):
    """?sector=&curator=&colour=; a value not in the list is a form error (HTTP 400)."""

    sector = forms.ChoiceField(
        label=gettext_lazy("Sector"),
        required=False,
        choices=[("", gettext_lazy("All sectors")), *Sector.choices],
        error_messages={
            "invalid_choice": gettext_lazy("There is no such sector: choose one from the list.")
        },
    )
    curator = forms.ModelChoiceField(
        label=gettext_lazy("Curator"),
        required=False,
        queryset=Person.objects.filter(curated_projects__isnull=False).distinct().order_by("name"),
        empty_label=gettext_lazy("All curators"),
        error_messages={
            "invalid_choice": gettext_lazy("There is no such curator: choose one from the list.")
        },
    )
    colour = forms.ChoiceField(
        label=gettext_lazy("Assessment"),
        required=False,
        choices=[("", gettext_lazy("All assessments")), *COLOUR_CHOICES],
        error_messages={
            "invalid_choice": gettext_lazy("There is no such assessment: choose one from the list.")
        },
    )


@dataclass
class Board:
    """The dashboard's rows (filtered) and the counts by colour (before the colour filter)."""

    rows: list
    counts: list  # [(colour value, label, count, swatch fill)]


def _require(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _pending_counts():
    """{project id: reports awaiting review}, control-point reports and indicator facts."""
    counts = {}
    for model in (ControlPointReport, IndicatorFact):
        rows = (
            model.objects.filter(state=ReportState.PENDING)
            .values("project_id")
            .annotate(total=Count("pk"))
            .order_by()
        )
        for row in rows:
            counts[row["project_id"]] = counts.get(row["project_id"], 0) + row["total"]
    return counts


def board(filters, today=None):
    """Board for validated filters (OfficeFilterForm.cleaned_data): a fixed number of queries."""
    projects = (
        ProjectPage.objects.order_by("title", "pk")
        .select_related("curator")
        .prefetch_related("control_points", "indicators")
    )
    if filters.get("sector"):
        projects = projects.filter(sector=filters["sector"])
    if filters.get("curator"):
        projects = projects.filter(curator=filters["curator"])
    projects = attach_health(projects, today or timezone.localdate())
    pending = _pending_counts()
    for project in projects:
        project.pending_reports = pending.get(project.pk, 0)
    counts = [
        (value, label, sum(1 for p in projects if p.health.filter_value == value), fill)
        for (value, label), fill in zip(COLOUR_CHOICES, COLOUR_FILLS, strict=True)
    ]
    if filters.get("colour"):
        projects = [p for p in projects if p.health.filter_value == filters["colour"]]
    return Board(projects, counts)


def _bound_form(request):
    form = OfficeFilterForm(request.GET)
    return form, form.is_valid()


def dashboard(request):
    _require(request)
    form, valid = _bound_form(request)
    office_board = board(form.cleaned_data) if valid else Board([], [])
    query = request.GET.urlencode() if valid else ""
    return TemplateResponse(
        request,
        "projects/admin/office_dashboard.html",
        {
            "page_title": _("Project office"),
            "header_icon": "table",
            "form": form,
            "board": office_board,
            "query": query,
        },
        status=200 if valid else 400,
    )


def _bad_filters(form):
    messages = [error for errors in form.errors.values() for error in errors]
    return HttpResponse(" ".join(messages), status=400, content_type="text/plain; charset=utf-8")


def export_columns():
    """(Russian header, value of a dashboard row); dates stay dates, numbers numbers."""
    return [
        (_("Project"), lambda p: p.title),
        (_("Sector"), lambda p: p.get_sector_display()),
        (_("Curator"), lambda p: p.curator.name if p.curator else ""),
        (_("Project status"), lambda p: p.get_status_display()),
        (_("Assessment"), lambda p: str(p.health.label)),
        (_("Reasons"), lambda p: "\n".join(p.health.reasons)),
        (_("Overdue control points"), lambda p: p.health.overdue_points),
        (_("Reports awaiting review"), lambda p: p.pending_reports),
        (_("Worst indicator attainment, %"), lambda p: p.health.worst_percent),
        (_("Start date"), lambda p: p.start_on),
        (_("End date"), lambda p: p.end_on),
    ]


def _export_rows(request):
    """(form, [header], [[value, …] per project]) or (form, None, None) for bad filters."""
    form, valid = _bound_form(request)
    if not valid:
        return form, None, None
    columns = export_columns()
    rows = [
        [value(project) for _header, value in columns] for project in board(form.cleaned_data).rows
    ]
    return form, [header for header, _value in columns], rows


def _csv_cell(value):
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return value


def export_csv(request):
    _require(request)
    form, headers, rows = _export_rows(request)
    if headers is None:
        return _bad_filters(form)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="project-office.csv"'
    response.write("\ufeff")
    writer = SafeWriter(response, delimiter=CSV_DELIMITER)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_cell(cell) for cell in row])
    return response


def export_xlsx(request):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    _require(request)
    form, headers, rows = _export_rows(request)
    if headers is None:
        return _bad_filters(form)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Projects")
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([neutralise(cell) for cell in row])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if hasattr(cell.value, "year"):
                cell.number_format = "DD.MM.YYYY"
            if isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="project-office.xlsx"'
    return response
