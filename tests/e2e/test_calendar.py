"""The commissioning calendar in a real browser: filter, month grid, a facility, axe-core; on a
phone the month is an agenda, the filters open above the list and nothing scrolls sideways."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from calendar_pages.agenda import next_month
from calendar_pages.models import Facility
from tests.calendar_pages.factories import CityEventFactory
from tests.e2e.axe import blocking_violations

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
NARROW_PHONE = {"width": 320, "height": 640}


def test_resident_filters_the_calendar_switches_month_and_opens_a_facility(tab):
    page = tab.page
    tab.goto("/calendar/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Календарь ввода объектов")
    expect(page.locator(".facility-card").first).to_be_visible()
    if Facility.objects.for_calendar().upcoming().exists():  # what opens next comes first
        first_date = page.locator(".facility-card time").first.get_attribute("datetime")
        assert datetime.date.fromisoformat(first_date) >= timezone.localdate(), first_date
    violations = blocking_violations(page)

    page.locator("#id_district").select_option("adlersky")
    page.locator("#filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/calendar/\?.*district=adlersky"))
    cards = page.locator(".facility-card")
    expect(cards.first).to_be_visible()
    assert cards.count() > 0

    page.locator(".calendar-views a").nth(1).click()
    expect(page).to_have_url(re.compile(r"view=grid"))
    expect(page.locator(".month-grid__weekdays")).to_be_visible()  # wide enough for the grid
    violations += blocking_violations(page)
    page.locator(".month-nav a[rel=next]").click()
    expect(page).to_have_url(re.compile(r"district=adlersky.*month=\d{4}-\d{2}"))
    expect(page.locator(".month-grid__days")).to_be_visible()

    tab.goto("/calendar/?district=lazarevsky&status=delayed")
    page.locator(".facility-card__title a").first.click()
    expect(page).to_have_url(re.compile(r"/calendar/facilities/[\w-]+/$"))
    expect(page.locator(".replan-list > li").first).to_be_visible()
    expect(page.locator(".flag")).to_have_count(1)
    violations += blocking_violations(page)
    assert not violations, "axe-core violations:\n" + "\n".join(violations)
    tab.assert_clean_console()


def sideways_scroll(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_on_a_phone_the_month_is_an_agenda_below_the_closed_filters(open_tab):
    month = next_month(timezone.localdate())
    for day in (12, 13, 14):
        CityEventFactory(
            title="Фермерский дворик: Фермерский дворик в Сириусе",
            starts_at=timezone.make_aware(datetime.datetime(month.year, month.month, day, 8)),
            ends_at=timezone.make_aware(datetime.datetime(month.year, month.month, day, 14)),
        )
    tab = open_tab(viewport=PHONE, is_mobile=True, has_touch=True)
    page = tab.page
    tab.goto(f"/calendar/?view=grid&month={month:%Y-%m}")

    expect(page.locator(".month-grid__weekdays")).to_be_hidden()
    expect(page.locator(".month-grid__day--empty").first).to_be_hidden()
    busy = page.locator(".month-grid__day:not(.month-grid__day--empty)")
    expect(busy.first).to_be_visible()
    first, second = busy.nth(0).bounding_box(), busy.nth(1).bounding_box()
    assert second["y"] > first["y"] and first["width"] > PHONE["width"] / 2  # one column
    fair = page.locator(".month-grid__item", has_text="Фермерский дворик в Сириусе")
    expect(fair).to_have_count(1)
    expect(fair).to_contain_text("12–14")
    expect(fair).to_contain_text("08:00–14:00")
    expect(fair).not_to_contain_text("Фермерский дворик: Фермерский")

    filters = page.locator("details#filters")
    assert filters.get_attribute("open") is None
    assert filters.bounding_box()["y"] < busy.first.bounding_box()["y"]
    page.locator("#filters summary").click()
    expect(page.locator("#id_district")).to_be_visible()
    assert sideways_scroll(page) == 0
    violations = blocking_violations(page)
    assert not violations, "axe-core violations:\n" + "\n".join(violations)
    tab.assert_clean_console()


def test_calendar_pages_never_scroll_sideways_on_phones(open_tab):
    facility = Facility.objects.filter(replans__isnull=False).order_by("pk").first()
    paths = [
        "/calendar/",
        "/calendar/?view=grid",
        "/calendar/?view=list",
        "/calendar/?view=grid&district=adlersky&type=school",
        "/calendar/?view=list&district=lazarevsky&status=delayed&when=past",
        "/calendar/?month=2026-12&type=kindergarten",
        f"/calendar/facilities/{facility.slug}/",
    ]
    tab = open_tab(viewport=NARROW_PHONE, is_mobile=True, has_touch=True)
    overflows = []
    for viewport in (NARROW_PHONE, PHONE):
        tab.page.set_viewport_size(viewport)
        for path in paths:
            tab.goto(path)
            if overflow := sideways_scroll(tab.page):
                overflows.append(f"{path} at {viewport['width']}px: {overflow}px")
    assert overflows == []
    tab.assert_clean_console()
