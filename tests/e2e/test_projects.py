"""Project passports in a real browser: the list, a sector filter, a passport, axe-core."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import blocking_violations

pytestmark = pytest.mark.e2e


def test_resident_filters_projects_by_sector_and_reads_a_passport(tab):
    page = tab.page
    tab.goto("/projects/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Муниципальные проекты")
    chart = page.locator(".project-chart .bar-chart__row")
    expect(chart.first.get_by_role("img")).to_have_attribute("aria-label", re.compile("выполнена"))
    violations = blocking_violations(page)

    page.locator("#filters input[name=sector][value=ecology-agriculture]").check()
    page.locator("#filters").get_by_role("button", name=re.compile("^Показать")).click()
    expect(page).to_have_url(re.compile(r"/projects/\?sector=ecology-agriculture"))
    cards = page.locator(".project-list .card")
    expect(cards).to_have_count(3)  # the animals project and two proposals

    page.get_by_role(
        "link", name="Гуманное регулирование численности животных без владельцев"
    ).click()
    expect(page).to_have_url(re.compile(r"/projects/gumannoe-regulirovanie/$"))
    # Five points in the approved passport, a sixth added by the committee's first change.
    expect(page.locator("ol.timeline > li")).to_have_count(6)
    history = page.locator("section.passport-history")
    expect(history).to_contain_text("Версия 2")
    expect(history).to_contain_text("плановая дата 1 ноября 2027 → 1 марта 2028")
    expect(page.locator(".passport-table tfoot")).to_be_visible()
    expect(page.get_by_role("link", name="Каталог питомцев приюта")).to_have_attribute(
        "href", "/shelter/"
    )
    violations += blocking_violations(page)
    assert not violations, "axe-core violations:\n" + "\n".join(violations)
    tab.assert_clean_console()
