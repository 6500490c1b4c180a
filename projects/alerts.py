"""Reminders of the project office: control points coming due or overdue, and the weekly digest.

`manage.py send_project_alerts` (cron, daily, morning) enqueues `send_project_alerts_task` on the
"scheduled" backend; the worker sends the day's control point alerts and, on its first run of an
ISO week, the project office's digest of that week.

Alerts. A control point of an approved or running live project that is not reached (no actual
date) is due on its forecast date, or its planned date without one. Within DUE_SOON_DAYS of that
date it is due soon; past it, overdue. Each (point, kind, due date) is said once: its
ControlPointAlert row (unique) is inserted in the same transaction as the outbox rows of its
e-mails, so a re-run, a retry or a second worker that builds the same alert cannot insert it and
queues nothing (on PostgreSQL its insert waits for the first transaction, then fails). A point
that becomes overdue is a new alert; a due date the committee moved is a new alert too. The mail
goes to the project's administrator and head through their staff accounts (Person.user); a
project without such accounts still records its alert (the office sees the point in its digest)
and logs that nobody was told.

Digest. One OfficeDigest row per ISO week (its Monday), inserted with the outbox rows of the
e-mails to every active member of the «Проектный офис» group: per project, its overdue points
and the reports waiting for review. A week with nothing to report records nothing and sends
nothing, so a later run of the same week sends the digest as soon as there is something in it.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from django_tasks import task

from portal.mail import send_templated
from portal.public_url import absolute
from portal.roles import PROJECT_OFFICE
from projects.models import (
    AlertKind,
    ControlPoint,
    ControlPointAlert,
    ControlPointReport,
    IndicatorFact,
    OfficeDigest,
    ProjectPage,
    ProjectStatus,
    ReportState,
)

logger = logging.getLogger(__name__)
# A point due within this many days (inclusive) is reminded of as due soon.
DUE_SOON_DAYS = 7
# Projects whose teams are held to their control points: approved and not finished or suspended.
WATCHED_STATUSES = [ProjectStatus.APPROVED, ProjectStatus.IN_PROGRESS]


def days_phrase(days):
    return ngettext("%(count)s day", "%(count)s days", days) % {"count": days}


def alert_kind(due_on, today):
    """The alert a point not yet reached, due on `due_on`, calls for on `today`, or None."""
    if due_on < today:
        return AlertKind.OVERDUE
    if (due_on - today).days <= DUE_SOON_DAYS:
        return AlertKind.DUE_SOON
    return None


def open_points():
    """The control points teams must still reach, with their projects and people."""
    projects = ProjectPage.objects.live().filter(status__in=WATCHED_STATUSES)
    return (
        ControlPoint.objects.filter(page__in=projects, actual_on__isnull=True)
        .select_related("page__administrator__user", "page__head__user")
        .order_by("page__title", "sort_order", "pk")
    )


def team_recipients(project):
    """E-mail addresses of the project's administrator and head, through their active staff
    accounts; each once."""
    addresses = []
    for person in (project.administrator, project.head):
        user = person.user if person is not None else None
        if user is not None and user.is_active and user.email and user.email not in addresses:
            addresses.append(user.email)
    return addresses


def project_links(project):
    return {
        "passport_url": absolute(project.url),
        "edit_url": absolute(reverse("wagtailadmin_pages:edit", args=[project.pk])),
    }


def send_control_point_alerts(today=None):
    """Alert the teams of every point due soon or overdue on `today`; the number of alerts
    recorded by this call."""
    today = today or timezone.localdate()
    sent = 0
    for point in open_points().iterator(chunk_size=200):
        kind = alert_kind(point.due_on, today)
        if kind is not None:
            sent += send_alert(point, kind, today) is not None
    return sent


def send_alert(point, kind, today):
    """Record and mail this alert unless it was already; the ControlPointAlert, or None."""
    project = point.page
    due_on = point.due_on
    recipients = team_recipients(project)
    with transaction.atomic():
        try:
            with transaction.atomic():
                alert = ControlPointAlert.objects.create(
                    control_point=point, kind=kind, due_on=due_on
                )
        except IntegrityError:
            return None  # said already (this run's twin, an earlier run): once per state
        context = {
            "project": project,
            "point": point,
            "due_on": due_on,
            "overdue": kind == AlertKind.OVERDUE,
            "days": days_phrase(abs((due_on - today).days)),
            **project_links(project),
        }
        for address in recipients:
            send_templated(address, f"projects/mail/point_{kind.replace('-', '_')}", context)
    if not recipients:
        logger.warning(
            "Control point %s (%s): no team account with an e-mail to alert", point.pk, kind
        )
    return alert


@dataclass
class ProjectReview:
    """What the project office should look at in one project this week."""

    project: ProjectPage
    overdue: list = field(default_factory=list)  # (point, days overdue)
    point_reports: list = field(default_factory=list)
    facts: list = field(default_factory=list)


def office_review(today):
    """Per project (by title): its overdue points and its reports waiting for review."""
    reviews = {}

    def review(project):
        return reviews.setdefault(project.pk, ProjectReview(project))

    for point in open_points():
        if point.due_on < today:
            review(point.page).overdue.append((point, days_phrase((today - point.due_on).days)))
    pending = ControlPointReport.objects.filter(state=ReportState.PENDING)
    for report in pending.select_related("project", "control_point").order_by("reported_at"):
        review(report.project).point_reports.append(report)
    facts = IndicatorFact.objects.filter(state=ReportState.PENDING)
    for fact in facts.select_related("project", "indicator").order_by("reported_at"):
        review(fact.project).facts.append(fact)
    for item in reviews.values():
        item.links = project_links(item.project)
    return sorted(reviews.values(), key=lambda item: item.project.title)


def office_recipients():
    members = (
        get_user_model()
        .objects.filter(groups__name=PROJECT_OFFICE, is_active=True)
        .exclude(email="")
    )
    return sorted(set(members.values_list("email", flat=True)))


def send_office_digest(today=None):
    """Send the project office the digest of `today`'s ISO week, once. The OfficeDigest, or None
    when it was sent already or there is nothing to report."""
    today = today or timezone.localdate()
    week_of = today - datetime.timedelta(days=today.weekday())
    if OfficeDigest.objects.filter(week_of=week_of).exists():
        return None
    reviews = office_review(today)
    if not reviews:
        return None
    recipients = office_recipients()
    with transaction.atomic():
        try:
            with transaction.atomic():
                digest = OfficeDigest.objects.create(week_of=week_of)
        except IntegrityError:
            return None  # built by another run this week
        context = {
            "today": today,
            "week_of": week_of,
            "reviews": reviews,
            "overdue_count": sum(len(item.overdue) for item in reviews),
            "pending_count": sum(len(item.point_reports) + len(item.facts) for item in reviews),
        }
        for address in recipients:
            send_templated(address, "projects/mail/office_digest", context)
    if not recipients:
        logger.warning("Office digest of %s: the project office has no member to mail", week_of)
    return digest


@task(backend="scheduled")
def send_project_alerts_task():
    alerts = send_control_point_alerts()
    digest = send_office_digest()
    logger.info(
        "Project alerts: %s control point alert(s); office digest %s",
        alerts,
        "queued" if digest else "not due",
    )
    return alerts
