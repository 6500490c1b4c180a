"""The project office's review desk («Отчёты проектов»): every report of every team, pending
first, and one report with its evidence and the decision (accept, or return with a reason)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from portal.pagination import paginate
from projects import progress
from projects.models import ControlPointReport, IndicatorFact, ReportState
from projects.report_forms import DecisionForm
from projects.team import REVIEW


def _require_office(request):
    if not request.user.has_perm(REVIEW):
        raise PermissionDenied


def _render(request, template, title, context, status=200):
    context.update({"page_title": title, "header_icon": "tasks"})
    return TemplateResponse(request, template, context, status=status)


def pending_count():
    pending = ReportState.PENDING
    return (
        ControlPointReport.objects.filter(state=pending).count()
        + IndicatorFact.objects.filter(state=pending).count()
    )


def queue(request):
    _require_office(request)
    state = request.GET.get("state", "")
    if state not in ReportState.values:
        state = ""
    points = ControlPointReport.objects.select_related("project", "control_point", "reported_by")
    facts = IndicatorFact.objects.select_related("project", "indicator", "reported_by")
    if state:
        points, facts = points.filter(state=state), facts.filter(state=state)
    reports = list(points) + list(facts)
    # Pending first, then the newest.
    reports.sort(key=lambda report: report.reported_at, reverse=True)
    reports.sort(key=lambda report: report.state != ReportState.PENDING)
    reports_page = paginate(request, reports, per_page=30)
    rows = [(report, *_describe(report)) for report in reports_page.object_list]
    return _render(
        request,
        "projects/admin/review_queue.html",
        _("Project reports"),
        {
            "reports_page": reports_page,
            "rows": rows,
            "state": state,
            "states": ReportState.choices,
        },
    )


def _describe(report):
    """(what is reported, its address on this desk) of a report of either kind."""
    if isinstance(report, IndicatorFact):
        what = _("%(indicator)s, %(year)s: %(value)s %(unit)s") % {
            "indicator": report.indicator.name,
            "year": report.year,
            "value": report.value,
            "unit": report.indicator.unit,
        }
        return what, reverse("projects_review:fact", args=[report.pk])
    what = _("%(point)s: reached %(date)s") % {
        "point": report.control_point.title,
        "date": report.completed_on.strftime("%d.%m.%Y"),
    }
    return what, reverse("projects_review:point_report", args=[report.pk])


def point_report(request, report_id):
    report = get_object_or_404(
        ControlPointReport.objects.select_related("project", "control_point", "reported_by"),
        pk=report_id,
    )
    return _decide(request, report, "projects_review:point_report")


def fact(request, fact_id):
    report = get_object_or_404(
        IndicatorFact.objects.select_related("project", "indicator", "reported_by"), pk=fact_id
    )
    return _decide(request, report, "projects_review:fact")


def _decide(request, report, url_name):
    _require_office(request)
    form = DecisionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                if form.cleaned_data["decision"] == "accept":
                    progress.accept(report, by=request.user)
                    messages.success(request, _("The report is accepted; the passport shows it."))
                else:
                    progress.return_report(
                        report, by=request.user, reason=form.cleaned_data["reason"]
                    )
                    messages.success(request, _("The report is returned to the team."))
            except progress.ProgressError as error:
                form.add_error(error.field, error.message)
                status = error.status
            else:
                return redirect(url_name, report.pk)
        else:
            status = 400
    is_fact = isinstance(report, IndicatorFact)
    evidence_url = None
    if report.evidence_file:
        name = "projects_team:fact_evidence" if is_fact else "projects_team:evidence"
        evidence_url = reverse(name, args=[report.pk])
    return _render(
        request,
        "projects/admin/review_report.html",
        str(report),
        {
            "report": report,
            "is_fact": is_fact,
            "form": form,
            "can_decide": report.state == ReportState.PENDING,
            "evidence_url": evidence_url,
        },
        status=status,
    )


urlpatterns = [
    path("", queue, name="queue"),
    path("points/<int:report_id>/", point_report, name="point_report"),
    path("indicators/<int:fact_id>/", fact, name="fact"),
]
