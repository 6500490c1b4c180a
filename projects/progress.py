"""What a project team reports and what the project office decides, each a rule in one place.

`report_control_point` and `report_indicator` record a pending report (with evidence, a date or
year the passport allows, at most one pending per point or indicator-year: the database's unique
constraints settle a race); `accept` and `return_report` decide a pending one with its row locked.
Only an accepted report changes the live rows of the passport: ControlPoint.actual_on, and
Indicator.actual_value (the latest year's accepted value). The passport's plan also lives in
Wagtail revisions, so publishing an older revision could write stale values back: the
`page_published` receiver (`apply_accepted`) re-applies every accepted fact.

Every move queues its letter in the same transaction (portal.mail): the project office hears of
a new report, the reporter of the decision.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.signals import page_published

from portal.mail import send_templated
from portal.public_url import absolute
from portal.roles import PROJECT_OFFICE
from projects.models import (
    ControlPoint,
    ControlPointReport,
    Indicator,
    IndicatorFact,
    ProjectPage,
    ReportState,
)


class ProgressError(Exception):
    """The move was not made; `message` is the Russian reason, `status` the HTTP answer and
    `field` the form field it concerns (None: the whole form)."""

    def __init__(self, message, status=400, field=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.field = field


def _check_evidence(evidence_file, evidence_link):
    if not evidence_file and not evidence_link:
        raise ProgressError(
            _("Attach a document or a photo, or give a link to the evidence."),
            field="evidence_file",
        )


def report_control_point(point, by, completed_on, comment="", evidence_file=None, evidence_link=""):
    """A pending report that `point` was reached on `completed_on`."""
    _check_evidence(evidence_file, evidence_link)
    project = point.page
    if completed_on > timezone.localdate():
        raise ProgressError(_("The completion date cannot be in the future."), field="completed_on")
    if project.start_on and completed_on < project.start_on:
        raise ProgressError(
            _("The completion date cannot be before the project starts (%(date)s).")
            % {"date": project.start_on.strftime("%d.%m.%Y")},
            field="completed_on",
        )
    open_states = [ReportState.PENDING, ReportState.ACCEPTED]
    if point.actual_on is not None or point.reports.filter(state__in=open_states).exists():
        raise _already_reported()
    report = ControlPointReport(
        project_id=point.page_id,
        control_point=point,
        completed_on=completed_on,
        **_filed_by(by, comment, evidence_file, evidence_link),
    )
    return _file(report, _already_reported())


def _filed_by(by, comment, evidence_file, evidence_link):
    return {
        "reported_by": by,
        "comment": comment,
        "evidence_file": evidence_file or "",
        "evidence_link": evidence_link,
    }


def _file(report, refusal):
    """Save a new report with the office's letter; a duplicate that a second tab or worker filed
    at the same moment (a unique constraint) is `refusal`."""
    try:
        with transaction.atomic():
            report.save()
            _mail_office(report, "projects/mail/report_submitted")
    except IntegrityError:
        raise refusal from None
    return report


def _already_reported():
    return ProgressError(
        _("This control point is already reached or has a report awaiting review."), status=409
    )


def reportable_years(indicator):
    """The years an indicator's value may be reported for: the passport's target years and the
    project's period, up to the current year."""
    project = indicator.page
    years = set(indicator.target_values())
    if project.start_on and project.end_on:
        years.update(range(project.start_on.year, project.end_on.year + 1))
    this_year = timezone.localdate().year
    return sorted(year for year in years if year <= this_year)


def report_indicator(indicator, by, year, value, comment="", evidence_file=None, evidence_link=""):
    """A pending report of `indicator`'s actual `value` in `year`."""
    _check_evidence(evidence_file, evidence_link)
    if year not in reportable_years(indicator):
        raise ProgressError(
            _(
                "A value can be reported for a year of the passport's targets or of the project "
                "period, not a future one."
            ),
            field="year",
        )
    if indicator.facts.filter(year=year, state=ReportState.PENDING).exists():
        raise _already_pending(year)
    fact = IndicatorFact(
        project_id=indicator.page_id,
        indicator=indicator,
        year=year,
        value=value,
        **_filed_by(by, comment, evidence_file, evidence_link),
    )
    return _file(fact, _already_pending(year))


def _already_pending(year):
    return ProgressError(
        _("A value for %(year)s is already awaiting review.") % {"year": year}, status=409
    )


def _locked_pending(report):
    locked = type(report).objects.select_for_update().get(pk=report.pk)
    if locked.state != ReportState.PENDING:
        raise ProgressError(_("This report has already been decided."), status=409)
    return locked


def accept(report, by):
    """Accept a pending report and put its fact on the live passport."""
    with transaction.atomic():
        report = _locked_pending(report)
        report.state = ReportState.ACCEPTED
        report.decided_by = by
        report.decided_at = timezone.now()
        report.return_reason = ""
        if isinstance(report, IndicatorFact):
            IndicatorFact.objects.filter(
                indicator_id=report.indicator_id, year=report.year, state=ReportState.ACCEPTED
            ).update(state=ReportState.SUPERSEDED)
            report.save()
            _apply_indicator(report.indicator_id)
        else:
            report.save()
            ControlPoint.objects.filter(pk=report.control_point_id).update(
                actual_on=report.completed_on
            )
        _mail_reporter(report, "projects/mail/report_accepted")
    return report


def return_report(report, by, reason):
    """Return a pending report to the team with the reason; the team may report again."""
    reason = (reason or "").strip()
    if not reason:
        raise ProgressError(_("Give the reason for returning the report."), field="reason")
    with transaction.atomic():
        report = _locked_pending(report)
        report.state = ReportState.RETURNED
        report.decided_by = by
        report.decided_at = timezone.now()
        report.return_reason = reason
        report.save()
        _mail_reporter(report, "projects/mail/report_returned")
    return report


def _apply_indicator(indicator_id):
    latest = (
        IndicatorFact.objects.filter(indicator_id=indicator_id, state=ReportState.ACCEPTED)
        .order_by("-year")
        .values_list("value", flat=True)
        .first()
    )
    if latest is not None:
        Indicator.objects.filter(pk=indicator_id).update(actual_value=latest)


def apply_accepted(page):
    """Write every accepted fact of `page` to its live control points and indicators."""
    accepted = ControlPointReport.objects.filter(project=page, state=ReportState.ACCEPTED)
    for point_id, completed_on in accepted.values_list("control_point_id", "completed_on"):
        ControlPoint.objects.filter(pk=point_id).exclude(actual_on=completed_on).update(
            actual_on=completed_on
        )
    facts = IndicatorFact.objects.filter(project=page, state=ReportState.ACCEPTED)
    for indicator_id in set(facts.values_list("indicator_id", flat=True)):
        _apply_indicator(indicator_id)


@receiver(page_published, sender=ProjectPage, dispatch_uid="projects.progress.apply_accepted")
def reapply_accepted_facts(sender, instance, **kwargs):
    """A published revision carries the values the editor saw: accepted reports win."""
    apply_accepted(instance)


# --- letters ------------------------------------------------------------------------------------


def review_url(report):
    if isinstance(report, IndicatorFact):
        return absolute(reverse("projects_review:fact", args=[report.pk]))
    return absolute(reverse("projects_review:point_report", args=[report.pk]))


def _context(report):
    is_fact = isinstance(report, IndicatorFact)
    return {
        "report": report,
        "project": report.project,
        "subject": report.indicator if is_fact else report.control_point,
        "is_fact": is_fact,
        "review_url": review_url(report),
        "team_url": absolute(reverse("projects_team:project", args=[report.project_id])),
    }


def _mail_office(report, template):
    office = (
        get_user_model()
        .objects.filter(groups__name=PROJECT_OFFICE, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    context = _context(report)
    for email in office:
        send_templated(email, template, context)


def _mail_reporter(report, template):
    reporter = report.reported_by
    if reporter is not None and reporter.is_active and reporter.email:
        send_templated(reporter.email, template, _context(report))
