"""A project team reports in a real browser: the project's administrator signs in, reports a
control point with an evidence file, the project office accepts it, and the public passport shows
it done. axe-core on the passport; nothing scrolls sideways at 390 px.

The demo has no team accounts: the test makes one and links it to the project's administrator.
Screenshots go to $SHOTS_DIR when it is set.
"""

import os
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from portal import roles
from projects.models import ControlPoint, Person, ProjectPage
from tests.e2e.axe import blocking_violations
from tests.e2e.journeys import staff_tab

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def sideways_scroll(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def shot(page, name):
    folder = os.environ.get("SHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def open_point():
    """A live project already started with a control point not yet reached."""
    today = timezone.localdate()
    point = (
        ControlPoint.objects.filter(
            actual_on__isnull=True,
            page__live=True,
            page__start_on__lte=today,
            reports__isnull=True,
        )
        .select_related("page")
        .order_by("page__path", "sort_order")
        .first()
    )
    assert point is not None, "the demo has no open control point"
    return ProjectPage.objects.get(pk=point.page_id), point


def test_administrator_reports_office_accepts_passport_shows_it_done(open_tab, tmp_path):
    project, point = open_point()
    team = staff_tab(open_tab, roles.PROJECT_TEAM, "team-e2e", "Komanda-2026-sochi")
    person = project.administrator or Person.objects.create(
        name="Ирина Олеговна Смирнова", position="Администратор проекта"
    )
    person.user = get_user_model().objects.get(username="team-e2e")
    person.save()
    ProjectPage.objects.filter(pk=project.pk).update(administrator=person)

    team.page.set_viewport_size(DESKTOP)
    team.goto("/admin/projects/team/")
    team.page.get_by_role("link", name=project.title).click()
    expect(team.page.get_by_role("heading", name="Контрольные точки")).to_be_visible()
    shot(team.page, "team-project-1366")
    team.page.locator(f"a[href$='/points/{point.pk}/report/']").click()
    evidence = tmp_path / "акт.pdf"
    evidence.write_bytes(b"%PDF-1.4\n%act of acceptance\n")
    team.page.get_by_label("Дата выполнения").fill(timezone.localdate().isoformat())
    team.page.get_by_label("Файл-подтверждение").set_input_files(str(evidence))
    team.page.get_by_label("Комментарий").fill("Работы приняты комиссией.")
    shot(team.page, "team-report-1366")
    team.page.get_by_role("button", name="Отправить в проектный офис").click()
    expect(team.page.locator(".messages")).to_contain_text("отправлен")

    office = staff_tab(open_tab, roles.PROJECT_OFFICE, "office", "Ofis-2026-sochi")
    office.page.set_viewport_size(DESKTOP)
    office.goto("/admin/projects/reports/")
    expect(office.page.locator("table.listing")).to_contain_text("На рассмотрении")
    shot(office.page, "review-queue-1366")
    office.page.get_by_role("link", name=re.compile(re.escape(point.title))).click()
    expect(office.page.get_by_role("link", name="Скачать файл")).to_be_visible()
    office.page.get_by_label("Принять").check()
    shot(office.page, "review-report-1366")
    office.page.get_by_role("button", name="Записать решение").click()
    expect(office.page.locator(".messages")).to_contain_text("принят")

    resident = open_tab(viewport=PHONE)
    resident.goto(project.url)
    item = resident.page.locator(".timeline__item", has_text=point.title)
    expect(item).to_contain_text("Выполнено")
    expect(item).to_have_class(re.compile("timeline__item--done"))
    # The passport's history tells residents the point was reached.
    history = resident.page.locator("section.passport-history")
    expect(history).to_contain_text(f"Контрольная точка «{point.title}» выполнена")
    violations = blocking_violations(resident.page, "project passport")
    assert sideways_scroll(resident.page) == 0
    item.scroll_into_view_if_needed()
    shot(resident.page, "passport-390")
    resident.page.set_viewport_size(DESKTOP)
    shot(resident.page, "passport-1366")
    team.page.set_viewport_size(PHONE)
    team.goto(f"/admin/projects/team/{project.pk}/")
    shot(team.page, "team-project-390")
    assert violations == []
    resident.assert_clean_console()
