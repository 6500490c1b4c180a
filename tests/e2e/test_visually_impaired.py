"""The version for the visually impaired (ГОСТ Р 52872-2019) in a real browser.

The panel in the top bar sets every choice with plain links, so it works without JavaScript. In
each colour scheme, and at each font size, every page type fits a 390 px phone without sideways
scroll and axe finds no serious violation, colour contrast included; without images the pet page
shows the name and the description in the first screen instead of an empty half page.
Set E2E_SCREENSHOT_DIR to keep screenshots of the home and pet pages in each scheme.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from calendar_pages.models import CalendarIndexPage
from contest.models import ContestPage
from news.models import NewsPage
from producers.models import Producer, ProducerIndexPage
from projects.models import ProjectPage
from shelter.models import Pet, ShelterIndexPage
from tests.e2e.axe import blocking_violations

pytestmark = pytest.mark.e2e

TURN_ON = "Версия для слабовидящих"
TURN_OFF = "Обычная версия"
PANEL = "Настройки версии для слабовидящих"
FONT, COLOURS, IMAGES, SPACING = "Шрифт", "Цвета", "Изображения", "Интервал"
SIZES = {1: "Обычный размер шрифта", 2: "Крупный шрифт", 3: "Очень крупный шрифт"}
SCHEMES = {
    "light": ("Чёрным по белому", "rgb(255, 255, 255)", "rgb(0, 0, 0)"),
    "dark": ("Белым по чёрному", "rgb(0, 0, 0)", "rgb(255, 255, 255)"),
    "blue": ("Тёмно-синим по голубому", "rgb(157, 209, 255)", "rgb(6, 52, 98)"),
}
SHOW_IMAGES, HIDE_IMAGES = "Да, показывать изображения", "Нет, скрыть изображения"
SPACINGS = {
    0: "Обычный интервал между буквами",
    1: "Увеличенный интервал между буквами",
    2: "Большой интервал между буквами",
}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
SCREENSHOT_DIR = os.environ.get("E2E_SCREENSHOT_DIR")


def has_class(name):
    return re.compile(rf"(^|\s){re.escape(name)}(\s|$)")


def pet_path():
    """A pet with a description: what the first screen must show."""
    shelter = ShelterIndexPage.objects.live().first()
    return shelter.pet_url(Pet.objects.public().exclude(description="").first().pk)


def page_types():
    """One page of each type a visitor reads, by name."""
    producers = ProducerIndexPage.live_page()
    return {
        "home": "/",
        "news item": NewsPage.objects.live().first().url,
        "project passport": ProjectPage.objects.live().first().url,
        "calendar": CalendarIndexPage.objects.live().first().url,
        "shelter": ShelterIndexPage.objects.live().first().url,
        "pet": pet_path(),
        "producers": producers.url,
        "producer": ProducerIndexPage.url_for("producer", Producer.objects.public().first().slug),
        "contest": ContestPage.objects.live().first().get_parent().url,
        "search": "/search/?q=сочи",
    }


def choose(tab, group, option):
    """Click a choice in the panel (unfolding it first on a phone) and wait to be back."""
    page = tab.page
    here = page.url
    panel = page.get_by_role("region", name=PANEL)
    toggle = panel.locator("summary")
    if toggle.is_visible() and panel.locator("details[open]").count() == 0:
        toggle.click()
    link = panel.get_by_role("group", name=group).get_by_role("link", name=option, exact=True)
    choice = link.get_attribute("href").split("&")[0]  # e.g. /accessibility/?size=2
    with page.expect_navigation():
        link.click()
    expect(page).to_have_url(here)
    # Folded again on a phone, so found by its address rather than by its role.
    chosen = page.locator(f'.a11y-panel a[href^="{choice}&"]')
    expect(chosen).to_have_attribute("aria-current", "true")


def a11y_cookie(page):
    return next((c["value"] for c in page.context.cookies() if c["name"] == "a11y"), None)


def computed(locator, prop):
    return locator.evaluate(f"e => getComputedStyle(e).{prop}")


def screenshot(page, name):
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOT_DIR) / name), full_page=True)


def test_the_panel_sets_every_choice_without_javascript_and_leads_back(open_tab):
    tab = open_tab(java_script_enabled=False, viewport=DESKTOP)
    page, body = tab.page, tab.page.locator("body")
    path = pet_path()
    tab.goto(path)
    normal_size = float(computed(body, "fontSize").removesuffix("px"))
    page.get_by_role("link", name=TURN_ON).click()
    expect(page).to_have_url(tab.base_url + path)
    expect(body).to_have_class(has_class("a11y"))
    assert a11y_cookie(page) == "on"

    sizes = [float(computed(body, "fontSize").removesuffix("px"))]
    for size in (2, 3):
        choose(tab, FONT, SIZES[size])
        expect(body).to_have_class(has_class(f"a11y--size-{size}"))
        sizes.append(float(computed(body, "fontSize").removesuffix("px")))
    assert normal_size * 1.2 < sizes[0] < sizes[1] < sizes[2]
    for scheme, (option, background, text) in SCHEMES.items():
        choose(tab, COLOURS, option)
        expect(body).to_have_class(has_class(f"a11y--scheme-{scheme}"))
        assert computed(body, "backgroundColor") == background
        assert computed(page.locator("h1"), "color") == text
        assert computed(page.locator(".site-footer"), "color") == text
    spacing = []
    for step in (1, 2, 0):
        choose(tab, SPACING, SPACINGS[step])
        expect(body).to_have_class(has_class(f"a11y--spacing-{step}"))
        spacing.append(float(computed(page.locator(".pet-description p"), "letterSpacing")[:-2]))
    assert spacing[2] < spacing[0] < spacing[1]

    # Without images: no photo and no empty column where it was; the name and the description
    # are in the first screen.
    expect(page.locator(".gallery img").first).to_be_visible()
    choose(tab, IMAGES, HIDE_IMAGES)
    choose(tab, FONT, SIZES[1])
    expect(body).to_have_class(has_class("a11y--no-images"))
    expect(page.locator(".gallery")).to_be_hidden()
    assert page.locator("main img:visible").count() == 0
    for locator in (page.locator("main h1"), page.locator(".pet-description")):
        box = locator.bounding_box()
        assert box is not None and 0 <= box["y"] < DESKTOP["height"] - 40, box
    assert a11y_cookie(page) == "on|scheme:blue|images:off"

    # The settings hold on the next page, and the way back is one link.
    tab.goto(ShelterIndexPage.objects.live().first().url)
    expect(body).to_have_class(has_class("a11y--no-images"))
    expect(page.locator(".card__image").first).to_be_hidden()
    choose(tab, IMAGES, SHOW_IMAGES)
    expect(page.locator(".card__image").first).to_be_visible()
    shelter = page.url
    page.get_by_role("link", name=TURN_OFF).click()
    expect(page).to_have_url(shelter)
    expect(body).not_to_have_class(has_class("a11y"))
    assert a11y_cookie(page) is None
    tab.assert_clean_console()


# Each scheme once, each size once, images off twice; the widest letter spacing with the largest
# type, where words are the hardest to fit. axe runs in full in the first; what a scheme changes
# is colour, so in the others only colour contrast, which keeps the test under a minute.
COMBINATIONS = [
    ("light", 3, False, 2),
    ("dark", 2, True, 1),
    ("blue", 1, False, 0),
]


def contrast_violations(page, label):
    results = Axe().run(
        page, options={"runOnly": ["color-contrast"], "resultTypes": ["violations"]}
    )
    return [
        f"{label}: {violation['id']}: {[node['target'] for node in violation['nodes'][:3]]}"
        for violation in results.response["violations"]
    ]


def test_every_page_type_in_every_scheme_fits_a_phone_and_passes_axe(open_tab):
    tab = open_tab(viewport=PHONE)
    page = tab.page
    pages = page_types()
    tab.goto("/")
    page.get_by_role("link", name=TURN_ON).click()
    found = []
    for scheme, size, images, spacing in COMBINATIONS:
        choose(tab, COLOURS, SCHEMES[scheme][0])
        choose(tab, FONT, SIZES[size])
        choose(tab, IMAGES, SHOW_IMAGES if images else HIDE_IMAGES)
        choose(tab, SPACING, SPACINGS[spacing])
        label = f"{scheme}, size {size}, images {'on' if images else 'off'}, spacing {spacing}"
        for name, path in pages.items():
            tab.goto(path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                found.append(f"[{label}] {name}: scrolls sideways ({width} px)")
            if scheme == COMBINATIONS[0][0]:
                found += blocking_violations(page, f"[{label}] {name}")
            else:
                found += contrast_violations(page, f"[{label}] {name}")
            if name in ("home", "pet"):
                screenshot(page, f"a11y-{scheme}-{name}-390.png")
    assert not found, "\n".join(found)
    tab.assert_clean_console()
