"""Control point alerts and the project office's weekly digest (projects.alerts): each said once,
to the right people, with a frozen clock."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from portal import roles
from portal.mail import retry_email
from portal.models import OutboundEmail
from projects import alerts
from projects.alerts import days_phrase, send_control_point_alerts, send_office_digest
from projects.models import (
    AlertKind,
    ControlPoint,
    ControlPointAlert,
    OfficeDigest,
    ProjectPage,
    ProjectStatus,
)
from tests.projects.factories import (
    ControlPointReportFactory,
    IndicatorFactFactory,
    PersonFactory,
    project_with_team,
    team_member,
)

pytestmark = pytest.mark.django_db
MSK = datetime.timezone(datetime.timedelta(hours=3))
DUE = datetime.date(2026, 12, 1)  # the factories' control point is planned for this day
FAILING = "tests.portal.failing_mail.FailingBackend"


def day(offset):
    """The date `offset` days after the point's due date."""
    return DUE + datetime.timedelta(days=offset)


def alerts_on(date, capture):
    """Run the daily alerts at 08:00 Moscow time on `date`, sending what they queue."""
    moment = datetime.datetime.combine(date, datetime.time(8), tzinfo=MSK)
    with capture(execute=True), time_machine.travel(moment, tick=False):
        return send_control_point_alerts()


def digest_on(date, capture):
    moment = datetime.datetime.combine(date, datetime.time(8), tzinfo=MSK)
    with capture(execute=True), time_machine.travel(moment, tick=False):
        return send_office_digest()


@pytest.fixture
def team(django_user_model):
    return team_member(django_user_model, "team-admin"), team_member(django_user_model, "team-head")


@pytest.fixture
def project(project_index, team):
    administrator, head = team
    return project_with_team(
        project_index, administrator=administrator, head=head, title="Сочи помнит"
    )


def point_of(project):
    return ControlPoint.objects.get(page=project)


def test_eight_days_before_nothing_is_sent(project, django_capture_on_commit_callbacks):
    assert alerts_on(day(-8), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []
    assert not ControlPointAlert.objects.exists()


def test_seven_days_before_both_administrator_and_head_are_told_once(
    project, django_capture_on_commit_callbacks
):
    assert alerts_on(day(-7), django_capture_on_commit_callbacks) == 1
    assert sorted(message.to[0] for message in mail.outbox) == [
        "team-admin@sochi.test",
        "team-head@sochi.test",
    ]
    alert = ControlPointAlert.objects.get()
    assert (alert.kind, alert.due_on) == (AlertKind.DUE_SOON, DUE)
    for offset in range(-6, 1):  # the following days, up to the due date itself
        assert alerts_on(day(offset), django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2


def test_the_day_after_the_due_date_the_overdue_alert_is_sent_once(
    project, django_capture_on_commit_callbacks
):
    alerts_on(day(-7), django_capture_on_commit_callbacks)
    mail.outbox.clear()
    assert alerts_on(day(1), django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 2
    assert "просрочена" in mail.outbox[0].subject
    assert alerts_on(day(2), django_capture_on_commit_callbacks) == 0
    assert alerts_on(day(30), django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2
    assert sorted(ControlPointAlert.objects.values_list("kind", flat=True)) == [
        AlertKind.DUE_SOON,
        AlertKind.OVERDUE,
    ]


def test_a_reached_point_is_not_alerted(project, django_capture_on_commit_callbacks):
    ControlPoint.objects.filter(page=project).update(actual_on=day(-10))
    assert alerts_on(day(-3), django_capture_on_commit_callbacks) == 0
    assert alerts_on(day(3), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_a_moved_due_date_starts_the_alerts_again(project, django_capture_on_commit_callbacks):
    alerts_on(day(-7), django_capture_on_commit_callbacks)
    alerts_on(day(1), django_capture_on_commit_callbacks)
    mail.outbox.clear()
    # The committee moved the point to 20 December.
    ControlPoint.objects.filter(page=project).update(forecast_on=datetime.date(2026, 12, 20))
    assert alerts_on(day(2), django_capture_on_commit_callbacks) == 0
    assert alerts_on(datetime.date(2026, 12, 13), django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 2
    assert "20 декабря 2026" in mail.outbox[0].body
    assert ControlPointAlert.objects.filter(due_on=datetime.date(2026, 12, 20)).count() == 1


@pytest.mark.parametrize("status", [ProjectStatus.SUSPENDED, ProjectStatus.COMPLETED])
def test_a_suspended_or_completed_project_is_not_alerted(
    project, status, django_capture_on_commit_callbacks
):
    ProjectPage.objects.filter(pk=project.pk).update(status=status)
    assert alerts_on(day(-3), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_an_unpublished_project_is_not_alerted(project, django_capture_on_commit_callbacks):
    project.unpublish()
    assert alerts_on(day(-3), django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_a_running_project_is_alerted(project, django_capture_on_commit_callbacks):
    ProjectPage.objects.filter(pk=project.pk).update(status=ProjectStatus.IN_PROGRESS)
    assert alerts_on(day(-3), django_capture_on_commit_callbacks) == 1


def test_people_without_accounts_get_no_mail_and_nothing_fails(
    project_index, django_capture_on_commit_callbacks, caplog
):
    project = project_with_team(project_index)  # no accounts at all
    project.head = PersonFactory()
    project.save()
    assert alerts_on(day(-3), django_capture_on_commit_callbacks) == 1
    assert mail.outbox == []
    assert "no team account" in caplog.text


def test_inactive_or_addressless_accounts_get_no_mail(
    project, team, django_capture_on_commit_callbacks
):
    administrator, head = team
    administrator.is_active = False
    administrator.save()
    head.email = ""
    head.save()
    assert alerts_on(day(-3), django_capture_on_commit_callbacks) == 1
    assert mail.outbox == []


def test_one_person_as_administrator_and_head_gets_one_mail(
    project_index, django_user_model, django_capture_on_commit_callbacks
):
    person = PersonFactory(user=team_member(django_user_model, "both"))
    project = project_with_team(project_index)
    project.administrator = project.head = person
    project.save()
    alerts_on(day(-3), django_capture_on_commit_callbacks)
    assert [message.to for message in mail.outbox] == [["both@sochi.test"]]


def test_due_soon_mail_names_project_point_date_and_absolute_links(
    project, django_capture_on_commit_callbacks
):
    alerts_on(day(-3), django_capture_on_commit_callbacks)
    message = mail.outbox[0]
    point = point_of(project)
    assert message.subject == "Срок контрольной точки через 3 дня: «Сочи помнит»"
    assert "проекта «Сочи помнит» через 3 дня, 1 декабря 2026" in message.body
    assert point.title in message.body
    assert f"http://testserver{project.url}" in message.body
    assert f"http://testserver/admin/pages/{project.pk}/edit/" in message.body
    html = message.alternatives[0][0]
    assert f'href="http://testserver/admin/pages/{project.pk}/edit/"' in html


def test_overdue_mail_says_by_how_many_days(project, django_capture_on_commit_callbacks):
    alerts_on(day(5), django_capture_on_commit_callbacks)  # the first run finds it overdue
    message = mail.outbox[0]
    assert message.subject == "Контрольная точка просрочена: «Сочи помнит»"
    assert "просрочена на 5 дней (срок — 1 декабря 2026)" in message.body
    assert ControlPointAlert.objects.get().kind == AlertKind.OVERDUE


def test_a_failing_mail_server_does_not_lose_the_alert(
    project, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_EMAIL_TRANSPORT = FAILING
    assert alerts_on(day(-3), django_capture_on_commit_callbacks) == 1
    emails = OutboundEmail.objects.filter(template="projects/mail/point_due_soon")
    assert [email.status for email in emails] == [OutboundEmail.Status.PENDING] * 2
    assert DBTaskResult.objects.filter(task_path="portal.mail.retry_email").count() == 2
    assert mail.outbox == []
    # The next run does not send it again: the outbox's retries do, once the server is back.
    assert alerts_on(day(-2), django_capture_on_commit_callbacks) == 0
    settings.PORTAL_EMAIL_TRANSPORT = "django.core.mail.backends.locmem.EmailBackend"
    for email in emails:
        assert retry_email.call(email.pk) is True
    assert len(mail.outbox) == 2


def test_an_alert_whose_mail_could_not_be_queued_is_not_recorded_and_comes_next_day(
    project, monkeypatch, django_capture_on_commit_callbacks
):
    real_send = alerts.send_templated
    calls = []

    def send_then_fail(*args, **kwargs):
        calls.append(args[0])
        if len(calls) == 2:
            raise RuntimeError("the database refused the second outbox row")
        return real_send(*args, **kwargs)

    monkeypatch.setattr(alerts, "send_templated", send_then_fail)
    with pytest.raises(RuntimeError):
        alerts_on(day(-3), django_capture_on_commit_callbacks)
    assert not ControlPointAlert.objects.exists()
    assert not OutboundEmail.objects.exists()  # the first recipient's row went with it
    assert mail.outbox == []
    monkeypatch.setattr(alerts, "send_templated", real_send)
    assert alerts_on(day(-2), django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("days", "phrase"),
    [(1, "1 день"), (2, "2 дня"), (5, "5 дней"), (11, "11 дней"), (21, "21 день"), (22, "22 дня")],
)
def test_days_are_counted_in_russian(days, phrase):
    assert days_phrase(days) == phrase


# The office digest. 1 December 2026 is a Tuesday; its week starts on Monday 30 November.


@pytest.fixture
def office(django_user_model):
    from django.contrib.auth.models import Group

    roles.ensure_roles()
    group = Group.objects.get(name=roles.PROJECT_OFFICE)
    members = [
        django_user_model.objects.create_user(username=name, email=f"{name}@sochi.test")
        for name in ("office-1", "office-2")
    ]
    django_user_model.objects.create_user(
        username="office-gone", email="gone@sochi.test", is_active=False
    ).groups.add(group)
    for member in members:
        member.groups.add(group)
    return members


def test_weekly_digest_lists_overdue_points_and_pending_reports(
    project, office, django_capture_on_commit_callbacks
):
    point = point_of(project)
    ControlPointReportFactory(control_point=point)
    IndicatorFactFactory(indicator=project.indicators.get(), year=2026)
    digest = digest_on(day(3), django_capture_on_commit_callbacks)  # Friday 4 December
    assert digest.week_of == datetime.date(2026, 11, 30)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "office-1@sochi.test",
        "office-2@sochi.test",
    ]
    message = mail.outbox[0]
    assert message.subject == (
        "Проектный офис, неделя с 30 ноября: просрочено точек — 1, ждут проверки — 2"
    )
    assert "«Сочи помнит»" in message.body
    assert f"— {point.title} (срок 1 декабря 2026, просрочено на 3 дня)" in message.body
    assert f"отчёт о контрольной точке «{point.title}»" in message.body
    assert f"значение показателя «{project.indicators.get().name}» за 2026 год" in message.body
    assert f"http://testserver/admin/pages/{project.pk}/edit/" in message.body


def test_digest_is_sent_once_a_week(project, office, django_capture_on_commit_callbacks):
    ControlPointReportFactory(control_point=point_of(project))
    assert digest_on(day(0), django_capture_on_commit_callbacks) is not None
    assert digest_on(day(1), django_capture_on_commit_callbacks) is None
    assert digest_on(day(5), django_capture_on_commit_callbacks) is None  # Sunday
    assert len(mail.outbox) == 2
    assert digest_on(day(6), django_capture_on_commit_callbacks) is not None  # next Monday
    assert len(mail.outbox) == 4
    assert OfficeDigest.objects.count() == 2


def test_a_week_with_nothing_to_report_sends_and_records_nothing(
    project, office, django_capture_on_commit_callbacks
):
    assert digest_on(day(-1), django_capture_on_commit_callbacks) is None  # Monday, not yet due
    assert mail.outbox == []
    assert not OfficeDigest.objects.exists()
    # Later that week a point is overdue: the week's digest goes out then.
    assert digest_on(day(2), django_capture_on_commit_callbacks) is not None
    assert len(mail.outbox) == 2


def test_reached_and_reviewed_work_is_not_in_the_digest(
    project, office, django_capture_on_commit_callbacks
):
    ControlPoint.objects.filter(page=project).update(actual_on=day(-1))
    ControlPointReportFactory(control_point=point_of(project), state="accepted")
    IndicatorFactFactory(indicator=project.indicators.get(), state="returned")
    assert digest_on(day(3), django_capture_on_commit_callbacks) is None
    assert mail.outbox == []


def test_an_office_without_members_records_the_week_and_sends_nothing(
    project, django_capture_on_commit_callbacks, caplog
):
    roles.ensure_roles()
    assert digest_on(day(3), django_capture_on_commit_callbacks) is not None
    assert mail.outbox == []
    assert "no member to mail" in caplog.text


def test_command_enqueues_the_task_which_sends_alerts_and_digest(
    project, office, django_capture_on_commit_callbacks
):
    out = io.StringIO()
    call_command("send_project_alerts", stdout=out)
    task = DBTaskResult.objects.get(task_path="projects.alerts.send_project_alerts_task")
    assert f"task {task.id}" in out.getvalue()
    moment = datetime.datetime.combine(day(2), datetime.time(8), tzinfo=MSK)
    from projects.alerts import send_project_alerts_task

    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(moment, tick=False):
        assert send_project_alerts_task.call() == 1
    assert ControlPointAlert.objects.get().kind == AlertKind.OVERDUE
    assert OfficeDigest.objects.get().week_of == datetime.date(2026, 11, 30)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "office-1@sochi.test",
        "office-2@sochi.test",
        "team-admin@sochi.test",
        "team-head@sochi.test",
    ]
