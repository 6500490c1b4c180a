"""The forms on a phone (390 px wide): inputs large enough to hit with a finger, the page never
scrolls sideways, the error summary takes the focus and its links lead to the fields."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
TARGET_PX = 44


@pytest.fixture
def phone_tab(open_tab):
    return open_tab(viewport=PHONE, is_mobile=True, has_touch=True)


def assert_no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width}px wide"


def assert_large_inputs(page):
    controls = page.locator(
        "main form input:not([type=hidden], [type=checkbox], [type=radio]), main form button"
    )
    assert controls.count() > 0
    for index in range(controls.count()):
        box = controls.nth(index).bounding_box()
        assert box["height"] >= TARGET_PX, (controls.nth(index).get_attribute("name"), box)
        assert box["x"] + box["width"] <= PHONE["width"]
    for checkbox in page.locator("main form input[type=checkbox]").all():
        box = checkbox.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/"])
def test_entrance_forms_fit_a_phone(phone_tab, path):
    phone_tab.goto(path)
    assert_large_inputs(phone_tab.page)
    assert_no_sideways_scroll(phone_tab.page)
    phone_tab.assert_clean_console()


def test_signup_errors_are_summarised_focused_and_linked(phone_tab):
    page = phone_tab.page
    phone_tab.goto("/accounts/signup/")
    page.locator("input[name=email]").fill("не адрес")
    page.locator("main form button[type=submit]").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    assert_no_sideways_scroll(page)
    summary.locator("a[href='#id_consent']").click()
    expect(page.locator("#id_consent")).to_be_focused()
    expect(page.locator("#id_email")).to_have_attribute("aria-invalid", "true")
