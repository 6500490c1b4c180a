"""Accessibility in a real browser: the mode for the visually impaired, keyboard use, axe-core."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import blocking_violations

pytestmark = pytest.mark.e2e

TURN_ON = "Версия для слабовидящих"
TURN_OFF = "Обычная версия"
SKIP_LINK = "Перейти к основному содержанию"
A11Y_CLASS = re.compile(r"(^|\s)a11y(\s|$)")
NO_IMAGES_CLASS = re.compile(r"(^|\s)a11y--no-images(\s|$)")
HIDE_IMAGES = "Нет, скрыть изображения"
# Set to a folder to keep screenshots of the home page in both modes (for a human look).
SCREENSHOT_DIR = os.environ.get("E2E_SCREENSHOT_DIR")


def font_size(page, selector="body") -> float:
    """Computed font size, in px, of the first element matching the selector."""
    return page.locator(selector).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")


def a11y_cookie(page):
    return next((c["value"] for c in page.context.cookies() if c["name"] == "a11y"), None)


def screenshot(page, name):
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOT_DIR) / name), full_page=True)


def check_accessibility_mode_round_trip(tab, suffix):
    page = tab.page
    tab.goto("/")
    body = page.locator("body")
    card_images = page.locator(".card__image")
    expect(body).not_to_have_class(A11Y_CLASS)
    expect(card_images.first).to_be_visible()
    normal_size = font_size(page)
    normal_heading_size = font_size(page, ".card__title")
    screenshot(page, f"home-normal{suffix}.png")

    page.get_by_role("link", name=TURN_ON).click()
    expect(page).to_have_url(tab.base_url + "/")
    expect(body).to_have_class(A11Y_CLASS)
    assert a11y_cookie(page) == "on"
    # Images stay until the visitor turns them off in the panel (every choice of the panel:
    # test_visually_impaired.py).
    expect(card_images.first).to_be_visible()
    page.get_by_role("group", name="Изображения").get_by_role("link", name=HIDE_IMAGES).click()
    expect(page).to_have_url(tab.base_url + "/")
    expect(body).to_have_class(NO_IMAGES_CLASS)
    assert a11y_cookie(page) == "on|images:off"
    assert card_images.count() > 0
    for index in range(card_images.count()):
        expect(card_images.nth(index)).to_be_hidden()
    expect(page.locator(".hero__image")).to_be_hidden()
    # Larger type everywhere, headings included, and headings still larger than the text.
    assert font_size(page) > normal_size * 1.2
    assert font_size(page, ".card__title") > normal_heading_size * 1.2
    assert font_size(page, ".card__title") > font_size(page, ".card__body p:not(.card__meta)")
    screenshot(page, f"home-a11y{suffix}.png")

    # The choice is a cookie: it holds on the next page and after a reload.
    page.get_by_role("navigation", name="Главное меню").get_by_role("link", name="Новости").click()
    expect(page).to_have_url(tab.base_url + "/news/")
    expect(body).to_have_class(A11Y_CLASS)
    page.reload()
    expect(body).to_have_class(A11Y_CLASS)
    expect(page.locator(".news-list .card__image").first).to_be_hidden()
    expect(page.get_by_role("link", name=TURN_ON)).to_have_count(0)

    # Switching back returns to the same page, in the normal look.
    page.get_by_role("link", name=TURN_OFF).click()
    expect(page).to_have_url(tab.base_url + "/news/")
    expect(body).not_to_have_class(A11Y_CLASS)
    expect(page.locator(".news-list .card__image").first).to_be_visible()
    expect(page.get_by_role("link", name=TURN_ON)).to_be_visible()
    assert font_size(page) == normal_size
    assert a11y_cookie(page) is None
    tab.assert_clean_console()


def test_accessibility_mode_switches_on_persists_and_switches_off(tab):
    check_accessibility_mode_round_trip(tab, suffix="")


def test_accessibility_mode_works_without_javascript(open_tab):
    tab = open_tab(java_script_enabled=False)
    check_accessibility_mode_round_trip(tab, suffix="-nojs")


def test_first_tab_focuses_the_visible_skip_link(tab):
    page = tab.page
    tab.goto("/")
    skip_link = page.get_by_role("link", name=SKIP_LINK)
    box = skip_link.bounding_box()
    assert box is None or box["y"] + box["height"] <= 0, "skip link should start off-screen"

    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    box = skip_link.bounding_box()
    viewport = page.viewport_size
    assert box is not None and box["height"] > 0
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"], box
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], box

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("main#main")).to_be_focused()
    tab.assert_clean_console()


def axe_pages(tab):
    """Home, the news list, a news item and search results; every serious or critical issue."""
    page = tab.page
    found = []
    tab.goto("/")
    found += blocking_violations(page, "home")
    tab.goto("/news/")
    found += blocking_violations(page, "news list")
    page.locator(".news-list .card__title a").first.click()
    expect(page.locator("article.article")).to_be_visible()
    found += blocking_violations(page, "news item")
    tab.goto("/search/?q=проекты")
    expect(page.locator("ol.search-results").first).to_be_visible()
    found += blocking_violations(page, "search results")
    return found


def test_axe_finds_no_serious_violations_in_either_mode(tab):
    found = axe_pages(tab)
    tab.goto("/accessibility/?mode=on&next=/")
    expect(tab.page.locator("body")).to_have_class(A11Y_CLASS)
    found += [f"[accessibility mode] {line}" for line in axe_pages(tab)]
    assert not found, "axe-core violations:\n" + "\n".join(found)
    tab.assert_clean_console()
