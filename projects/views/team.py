"""A project team's desk in the admin («Мои проекты»): its projects, their control points and
indicators with the state of each report, and the report forms. Object-level access is
projects.team's: another project's records are a 404."""

import mimetypes
from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from projects import progress
from projects.models import ControlPointReport, IndicatorFact
from projects.report_forms import ControlPointReportForm, IndicatorReportForm
from projects.team import REPORT, may_see_evidence, reportable_projects, team_project_or_404


def _require_team(request):
    if not request.user.has_perm(REPORT):
        raise PermissionDenied


def _render(request, template, title, context, status=200):
    context.update({"page_title": title, "header_icon": "folder-open-inverse"})
    return TemplateResponse(request, template, context, status=status)


def home(request):
    _require_team(request)
    projects = reportable_projects(request.user).select_related("administrator", "head")
    return _render(
        request, "projects/admin/team_home.html", _("My projects"), {"projects": projects}
    )


def project(request, project_id):
    _require_team(request)
    project = team_project_or_404(request.user, project_id)
    latest = {}
    for report in ControlPointReport.objects.filter(project=project).order_by("reported_at", "pk"):
        latest[report.control_point_id] = report
    points = [(point, latest.get(point.pk)) for point in project.control_points.all()]
    facts = defaultdict(list)
    for fact in IndicatorFact.objects.filter(project=project).order_by("year", "reported_at"):
        facts[fact.indicator_id].append(fact)
    indicators = [
        (indicator, sorted(indicator.target_values().items()), facts.get(indicator.pk, []))
        for indicator in project.indicators.all()
    ]
    return _render(
        request,
        "projects/admin/team_project.html",
        project.title,
        {"project": project, "points": points, "indicators": indicators},
    )


def report_point(request, project_id, point_id):
    _require_team(request)
    project = team_project_or_404(request.user, project_id)
    point = get_object_or_404(project.control_points, pk=point_id)
    point.page = project
    form = ControlPointReportForm(request.POST or None, request.FILES or None)

    def submit(data):
        progress.report_control_point(
            point, by=request.user, completed_on=data["completed_on"], **_evidence(data)
        )

    return _report_form(
        request, project, form, submit, _("Report on a control point"), {"subject": point}
    )


def report_indicator(request, project_id, indicator_id):
    _require_team(request)
    project = team_project_or_404(request.user, project_id)
    indicator = get_object_or_404(project.indicators, pk=indicator_id)
    indicator.page = project
    years = progress.reportable_years(indicator)
    form = IndicatorReportForm(request.POST or None, request.FILES or None, years=years)

    def submit(data):
        progress.report_indicator(
            indicator, by=request.user, year=data["year"], value=data["value"], **_evidence(data)
        )

    return _report_form(
        request,
        project,
        form,
        submit,
        _("Report an indicator value"),
        {"subject": indicator, "years": years},
    )


def _evidence(data):
    return {name: data[name] for name in ("comment", "evidence_file", "evidence_link")}


def _report_form(request, project, form, submit, title, context):
    """A report form: a valid POST files the report through `submit(cleaned_data)`; invalid input
    (400) or a refusal of projects.progress (its status) is shown on the form, the input kept."""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                submit(form.cleaned_data)
            except progress.ProgressError as error:
                form.add_error(error.field, error.message)
                status = error.status
            else:
                messages.success(request, _("The report is sent to the project office."))
                return redirect("projects_team:project", project.pk)
    return _render(
        request,
        "projects/admin/team_report.html",
        title,
        {"project": project, "form": form, **context},
        status=status,
    )


def evidence(request, report_id):
    return _evidence_file(request, get_object_or_404(ControlPointReport, pk=report_id))


def fact_evidence(request, fact_id):
    return _evidence_file(request, get_object_or_404(IndicatorFact, pk=fact_id))


def _evidence_file(request, report):
    """A report's evidence file, for the project's team and the project office only: the file has
    no public address (portal.storage.private_storage)."""
    if not may_see_evidence(request.user, report.project_id):
        raise Http404
    if not report.evidence_file:
        if report.evidence_link:
            return redirect(report.evidence_link)
        raise Http404
    name = report.evidence_file.name.rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(
        report.evidence_file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("", home, name="home"),
    path("<int:project_id>/", project, name="project"),
    path("<int:project_id>/points/<int:point_id>/report/", report_point, name="report_point"),
    path(
        "<int:project_id>/indicators/<int:indicator_id>/report/",
        report_indicator,
        name="report_indicator",
    ),
    path("point-reports/<int:report_id>/evidence/", evidence, name="evidence"),
    path("indicator-reports/<int:fact_id>/evidence/", fact_evidence, name="fact_evidence"),
]
