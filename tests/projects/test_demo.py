"""The projects section's demo content: replaces the placeholder, 33 projects, 10 approved."""

import datetime
import io
from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from PIL import Image

from home.models import HomePage, StandardPage
from portal.demo import images
from portal.roles import PROJECT_TEAM
from projects.demo.loader import load_demo
from projects.models import (
    ControlPoint,
    ControlPointReport,
    ControlPointStatus,
    IndicatorFact,
    ProjectIndexPage,
    ProjectPage,
    ProjectStatus,
    ReportState,
)
from tests.factories import StandardPageFactory, build_site

pytestmark = pytest.mark.django_db


def tiny_jpeg(theme, seed, size=None):
    buffer = BytesIO()
    Image.new("RGB", (8, 8), "steelblue").save(buffer, "JPEG")
    return buffer.getvalue()


def test_demo_after_load_demo_has_33_projects_10_approved_and_is_idempotent(client, monkeypatch):
    monkeypatch.setattr(images, "make_illustration", tiny_jpeg)
    call_command("load_demo", stdout=io.StringIO())
    home = HomePage.objects.get()
    load_demo(home, lambda text: None)

    assert ProjectIndexPage.objects.get().url == "/projects/"
    assert not StandardPage.objects.filter(slug="projects").exists()
    assert ProjectPage.objects.live().count() == 33
    assert ProjectPage.objects.exclude(status=ProjectStatus.PROPOSAL).count() == 10

    again = []
    load_demo(home, again.append)
    assert again == []
    assert ProjectPage.objects.count() == 33

    animals = ProjectPage.objects.get(slug="gumannoe-regulirovanie")
    assert [link.linked_page.slug for link in animals.section_links.all()] == ["shelter"]
    tos = ProjectPage.objects.get(slug="luchshiy-organ-tos")
    assert [link.linked_page.slug for link in tos.section_links.all()] == ["tos-contest"]
    response = client.get("/projects/")
    assert response.status_code == 200
    assert response.context["at_a_glance"] == {"total": 33, "approved": 10}
    assert client.get(animals.url).status_code == 200


def test_demo_replaces_the_section_placeholder_page():
    home, _ = build_site()
    StandardPageFactory(parent=home, slug="projects", title="Муниципальные проекты")
    notes = []
    load_demo(home, notes.append)
    assert "section page «Муниципальные проекты» at /projects/" in notes
    assert not StandardPage.objects.filter(slug="projects").exists()
    assert ProjectIndexPage.objects.get().url == "/projects/"
    # No shelter page on this site: the link is simply left out.
    assert not ProjectPage.objects.get(slug="gumannoe-regulirovanie").section_links.exists()


def test_demo_has_done_overdue_and_coming_control_points_on_26_november_2026():
    home, _ = build_site()
    load_demo(home, lambda text: None)
    statuses = {
        point.status_on(datetime.date(2026, 11, 26)) for point in ControlPoint.objects.all()
    }
    assert statuses == set(ControlPointStatus)


def test_home_page_still_renders_after_the_placeholder_is_replaced(client, monkeypatch):
    monkeypatch.setattr(images, "make_illustration", tiny_jpeg)
    call_command("load_demo", stdout=io.StringIO())
    load_demo(HomePage.objects.get(), lambda text: None)
    client.raise_request_exception = False
    assert client.get("/").status_code == 200


def test_demo_teams_report_on_three_projects_and_loading_again_creates_nothing():
    home, _ = build_site()
    load_demo(home, lambda text: None)
    team_projects = ProjectPage.objects.filter(administrator__user__username="team-admin")
    assert sorted(team_projects.values_list("slug", flat=True)) == [
        "adaptaciya-sluzhashchih",
        "gumannoe-regulirovanie",
        "luchshiy-organ-tos",
    ]
    for project in team_projects:
        assert project.head.user.groups.filter(name=PROJECT_TEAM).exists()
        assert project.administrator.user.groups.filter(name=PROJECT_TEAM).exists()
        assert project.head.user.is_staff and not project.head.user.has_usable_password()
        # The published passport names the same administrator.
        assert project.get_latest_revision().as_object().administrator == project.administrator
    assert set(ControlPointReport.objects.values_list("state", flat=True)) == {
        ReportState.PENDING,
        ReportState.ACCEPTED,
        ReportState.RETURNED,
    }
    for report in ControlPointReport.objects.filter(state=ReportState.ACCEPTED):
        assert report.control_point.actual_on == report.completed_on
        assert report.decided_at is not None
    returned = ControlPointReport.objects.get(state=ReportState.RETURNED)
    assert returned.return_reason and returned.control_point.actual_on is None
    assert returned.evidence_link.startswith("https://")
    accepted_fact = IndicatorFact.objects.get(state=ReportState.ACCEPTED)
    assert accepted_fact.indicator.actual_value == accepted_fact.value == Decimal(260)
    assert IndicatorFact.objects.filter(state=ReportState.PENDING).count() == 1

    again = []
    load_demo(home, again.append)
    assert again == []
    assert ControlPointReport.objects.count() == 5
    assert IndicatorFact.objects.count() == 2


def test_demo_team_accounts_get_their_first_password_from_ensure_demo_users(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    settings.DEBUG = True
    home, _ = build_site()
    load_demo(home, lambda text: None)
    out = io.StringIO()
    call_command("ensure_demo_users", stdout=out)
    team_admin = get_user_model().objects.get(username="team-admin")
    assert team_admin.has_usable_password()
    assert team_admin.project_person.administered_projects.count() == 3
    line = next(line for line in out.getvalue().splitlines() if "team-admin /" in line)
    assert "администратор проекта: отчёты /admin/projects/team/" in line
    password = line.split(" / ")[1].split(" — ")[0]
    assert team_admin.check_password(password)
