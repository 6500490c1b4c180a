"""The commissioning calendar in a real browser: filter, month grid, a facility, axe-core."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import blocking_violations

pytestmark = pytest.mark.e2e


def test_resident_filters_the_calendar_switches_month_and_opens_a_facility(tab):
    page = tab.page
    tab.goto("/calendar/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Календарь ввода объектов")
    expect(page.locator(".facility-card").first).to_be_visible()
    violations = blocking_violations(page)

    page.locator("#id_district").select_option("adlersky")
    page.locator(".filter-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/calendar/\?.*district=adlersky"))
    cards = page.locator(".facility-card")
    expect(cards.first).to_be_visible()
    assert cards.count() > 0

    page.locator(".calendar-views a").nth(1).click()
    expect(page).to_have_url(re.compile(r"view=grid"))
    expect(page.locator("table.month-grid")).to_be_visible()
    violations += blocking_violations(page)
    page.locator(".month-nav a[rel=next]").click()
    expect(page).to_have_url(re.compile(r"district=adlersky.*month=\d{4}-\d{2}"))
    expect(page.locator("table.month-grid")).to_be_visible()

    tab.goto("/calendar/?district=lazarevsky&status=delayed")
    page.locator(".facility-card__title a").first.click()
    expect(page).to_have_url(re.compile(r"/calendar/facilities/[\w-]+/$"))
    expect(page.locator(".replan-list > li").first).to_be_visible()
    expect(page.locator(".flag")).to_have_count(1)
    violations += blocking_violations(page)
    assert not violations, "axe-core violations:\n" + "\n".join(violations)
    tab.assert_clean_console()
