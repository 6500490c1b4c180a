"""A project team reports, the project office decides, the public passport shows the result."""

import datetime
import json
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from portal import roles
from portal.models import OutboundEmail
from projects import progress
from projects.models import ControlPoint, ControlPointReport, Indicator, IndicatorFact, ReportState
from tests.projects.factories import (
    ControlPointReportFactory,
    IndicatorFactFactory,
    project_with_team,
    team_member,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%evidence\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def team(django_user_model, project_index):
    administrator = team_member(django_user_model, "administrator")
    project = project_with_team(project_index, administrator=administrator)
    office = django_user_model.objects.create_user(username="office", email="office@sochi.test")
    office.groups.add(Group.objects.get(name=roles.PROJECT_OFFICE))
    return {
        "administrator": administrator,
        "office": office,
        "project": project,
        "point": project.control_points.get(),
        "indicator": project.indicators.get(),
    }


def report_url(team):
    return reverse("projects_team:report_point", args=[team["project"].pk, team["point"].pk])


def post_report(client, team, **fields):
    client.force_login(team["administrator"])
    data = {"completed_on": "2026-11-20", "evidence_link": "", "comment": "Готово"}
    data.update(fields)
    return client.post(report_url(team), data)


def decide(client, team, report, decision, reason=""):
    client.force_login(team["office"])
    url = reverse("projects_review:point_report", args=[report.pk])
    return client.post(url, {"decision": decision, "reason": reason})


def test_reported_and_accepted_point_is_done_on_the_public_passport(client, team):
    evidence = SimpleUploadedFile("акт.pdf", PDF, content_type="application/pdf")
    response = post_report(client, team, evidence_file=evidence)
    assert response.status_code == 302
    report = ControlPointReport.objects.get()
    assert report.state == ReportState.PENDING and report.evidence_file
    # The office hears of it; the passport does not change yet.
    assert OutboundEmail.objects.filter(to="office@sochi.test").count() == 1
    assert ControlPoint.objects.get(pk=team["point"].pk).actual_on is None

    response = decide(client, team, report, "accept")
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED and report.decided_by == team["office"]
    assert ControlPoint.objects.get(pk=team["point"].pk).actual_on == datetime.date(2026, 11, 20)
    letter = OutboundEmail.objects.get(to=team["administrator"].email)
    assert "принят" in letter.subject

    client.logout()
    html = client.get(team["project"].url).content.decode()
    assert 'Выполнено <time datetime="2026-11-20">20 ноября 2026</time>' in html
    assert "timeline__item--done" in html


def test_returned_report_shows_the_reason_and_the_team_reports_again(client, team):
    post_report(client, team, evidence_link="https://sochi.ru/act")
    report = ControlPointReport.objects.get()
    response = decide(client, team, report, "return", reason="")
    assert response.status_code == 400
    assert "Укажите причину" in response.content.decode()
    assert decide(client, team, report, "return", "Нет подписи").status_code == 302
    letter = OutboundEmail.objects.get(to=team["administrator"].email)
    assert "Нет подписи" in letter.body

    client.force_login(team["administrator"])
    page = client.get(reverse("projects_team:project", args=[team["project"].pk]))
    assert "Нет подписи" in page.content.decode()
    assert post_report(client, team, evidence_link="https://sochi.ru/act2").status_code == 302
    assert ControlPointReport.objects.filter(state=ReportState.PENDING).count() == 1


@pytest.mark.parametrize(
    ("fields", "status", "message"),
    [
        ({}, 400, "Приложите документ"),
        ({"completed_on": "2099-01-01", "evidence_link": "https://a.ru"}, 400, "в будущем"),
        ({"completed_on": "2020-01-01", "evidence_link": "https://a.ru"}, 400, "раньше начала"),
        (
            {"evidence_file": SimpleUploadedFile("a.pdf", b"MZ\x90\x00exe")},
            400,
            "PDF",
        ),
    ],
)
def test_refused_report_says_why_in_russian_and_keeps_the_input(
    client, team, fields, status, message
):
    response = post_report(client, team, comment="Мой комментарий", **fields)
    assert response.status_code == status
    html = response.content.decode()
    assert message in html
    assert "Мой комментарий" in html
    assert not ControlPointReport.objects.exists()


def test_second_report_while_one_is_pending_is_refused(client, team):
    post_report(client, team, evidence_link="https://sochi.ru/act")
    response = post_report(client, team, evidence_link="https://sochi.ru/other", comment="Ещё")
    assert response.status_code == 409
    assert "уже выполнена" in response.content.decode()
    assert "Ещё" in response.content.decode()
    assert ControlPointReport.objects.count() == 1


def test_a_reached_point_takes_no_report(team):
    ControlPoint.objects.filter(pk=team["point"].pk).update(actual_on=datetime.date(2026, 5, 1))
    team["point"].refresh_from_db()
    with pytest.raises(progress.ProgressError) as error:
        progress.report_control_point(
            team["point"],
            by=team["administrator"],
            completed_on=datetime.date(2026, 11, 1),
            evidence_link="https://sochi.ru/act",
        )
    assert error.value.status == 409


def test_only_a_pending_report_is_decided(team):
    report = ControlPointReportFactory(control_point=team["point"])
    progress.accept(report, by=team["office"])
    with pytest.raises(progress.ProgressError) as error:
        progress.return_report(report, by=team["office"], reason="Поздно")
    assert error.value.status == 409


def test_accepted_fact_survives_publishing_an_old_revision(team):
    project = team["project"]
    old_revision = project.save_revision()
    old_revision.publish()
    report = ControlPointReportFactory(control_point=team["point"])
    progress.accept(report, by=team["office"])
    fact = IndicatorFactFactory(indicator=team["indicator"], value=Decimal(17))
    progress.accept(fact, by=team["office"])

    old_revision.publish()  # its rows carry no actual date and no actual value

    assert ControlPoint.objects.get(pk=team["point"].pk).actual_on == report.completed_on
    assert Indicator.objects.get(pk=team["indicator"].pk).actual_value == Decimal(17)


def test_actual_values_are_read_only_in_the_page_editor(client, team):
    client.force_login(team["office"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[team["project"].pk]))
    html = response.content.decode()
    assert 'name="control_points-0-actual_on"' not in html
    assert 'name="indicators-0-actual_value"' not in html
    assert "принимает отчёт" in html


def test_accepted_indicator_value_supersedes_the_earlier_one_of_its_year(team):
    indicator = team["indicator"]
    first = IndicatorFactFactory(indicator=indicator, year=2026, value=Decimal(15))
    progress.accept(first, by=team["office"])
    second = IndicatorFactFactory(indicator=indicator, year=2026, value=Decimal(18))
    progress.accept(second, by=team["office"])
    first.refresh_from_db()
    assert first.state == ReportState.SUPERSEDED
    assert Indicator.objects.get(pk=indicator.pk).actual_value == Decimal(18)


def test_actual_value_is_the_latest_years_accepted_value(team):
    indicator = team["indicator"]
    progress.accept(
        IndicatorFactFactory(indicator=indicator, year=2026, value=Decimal(20)), by=None
    )
    progress.accept(
        IndicatorFactFactory(indicator=indicator, year=2025, value=Decimal(12)), by=None
    )
    assert Indicator.objects.get(pk=indicator.pk).actual_value == Decimal(20)


def test_indicator_value_is_reported_through_the_desk(client, team):
    client.force_login(team["administrator"])
    url = reverse("projects_team:report_indicator", args=[team["project"].pk, team["indicator"].pk])
    assert client.get(url).status_code == 200
    evidence = SimpleUploadedFile("фото.png", PNG, content_type="image/png")
    response = client.post(url, {"year": "2026", "value": "16,5", "evidence_file": evidence})
    assert response.status_code == 302
    fact = IndicatorFact.objects.get()
    assert fact.value == Decimal("16.5") and fact.state == ReportState.PENDING
    # A future year is not a fact.
    response = client.post(url, {"year": "2027", "value": "1", "evidence_link": "https://a.ru"})
    assert response.status_code == 400
    assert IndicatorFact.objects.count() == 1


def test_evidence_is_private_to_the_team_and_the_office(client, team, django_user_model):
    report = ControlPointReportFactory(
        control_point=team["point"], evidence_file=SimpleUploadedFile("a.pdf", PDF)
    )
    url = reverse("projects_team:evidence", args=[report.pk])
    for user in (team["administrator"], team["office"]):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
        assert b"".join(response.streaming_content) == PDF
    client.force_login(team_member(django_user_model, "stranger"))
    assert client.get(url).status_code == 404


def test_review_queue_lists_pending_first_and_filters(client, team):
    accepted = ControlPointReportFactory(control_point=team["point"], state=ReportState.ACCEPTED)
    pending = IndicatorFactFactory(indicator=team["indicator"])
    ControlPointReport.objects.filter(pk=accepted.pk).update(reported_at=timezone.now())
    client.force_login(team["office"])
    html = client.get(reverse("projects_review:queue")).content.decode()
    assert html.index(reverse("projects_review:fact", args=[pending.pk])) < html.index(
        reverse("projects_review:point_report", args=[accepted.pk])
    )
    html = client.get(reverse("projects_review:queue"), {"state": "accepted"}).content.decode()
    assert reverse("projects_review:fact", args=[pending.pk]) not in html
    # The admin menu is JSON in the page.
    html = client.get(reverse("projects_review:queue")).content.decode()
    assert json.dumps("Отчёты проектов (1)")[1:-1] in html
