"""The maps in a real browser: facilities on the calendar and on a facility's page, fairs and
producers on the directory; every map a progressive enhancement of a list that stays in the
page, so that without tiles, with a tile server that cannot be reached or without JavaScript the
list is what the visitor gets. A tile server is stood in by an image the live server serves."""

import copy

import pytest
from playwright.sync_api import expect

from calendar_pages.models import Facility
from producers.models import Fair, Producer
from tests.e2e.axe import blocking_violations

pytestmark = pytest.mark.e2e

DEAD_TILES = "http://127.0.0.1:9/{z}/{x}/{y}.png"
MARKERS = ".leaflet-marker-icon"


def working_tiles(settings, tab):
    # Any image of the same origin stands in for a tile server (the CSP allows it).
    settings.MAP_TILE_URL = tab.base_url + "/static/vendor/leaflet/images/layers.png?{z}-{x}-{y}"


def dead_tiles(settings):
    settings.MAP_TILE_URL = DEAD_TILES
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["img-src"].append("http://127.0.0.1:9")  # as settings do for the URL
    settings.CONTENT_SECURITY_POLICY = policy


def located_facilities():
    return Facility.objects.filter(latitude__isnull=False, longitude__isnull=False)


def test_calendar_and_facility_maps_show_the_facilities_as_markers(open_tab, settings):
    tab = open_tab()
    working_tiles(settings, tab)
    page = tab.page
    tab.goto("/calendar/")
    box = page.locator("#facilities-map")
    expect(box).to_be_visible()
    expect(box.locator(".leaflet-tile-loaded").first).to_be_attached()
    # Every facility the filters choose, on every page of the list.
    expect(box.locator(MARKERS)).to_have_count(located_facilities().count())
    box.locator(MARKERS).first.focus()  # markers overlap where facilities are close: by keyboard
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup-content a")).to_be_visible()
    violations = blocking_violations(page, "calendar with its map")

    tab.goto("/calendar/?district=adlersky")
    adler = located_facilities().filter(district="adlersky").count()
    expect(page.locator(f"#facilities-map {MARKERS}")).to_have_count(adler)
    expect(page.locator(".district-overview__table")).to_be_visible()

    facility = located_facilities().order_by("pk").first()
    tab.goto(f"/calendar/facilities/{facility.slug}/")
    expect(page.locator(f"#facility-map {MARKERS}")).to_have_count(1)
    expect(page.locator(f"#facility-map {MARKERS}")).to_have_attribute("alt", facility.name)
    violations += blocking_violations(page, "facility page with its map")
    assert violations == [], "axe-core violations:\n" + "\n".join(violations)
    tab.assert_clean_console()


def test_directory_map_shows_fairs_and_the_listed_producers(open_tab, settings):
    tab = open_tab()
    working_tiles(settings, tab)
    page = tab.page
    tab.goto("/producers/")
    places = Fair.objects.exclude(latitude=None).count()
    places += Producer.objects.public().exclude(latitude=None).count()
    expect(page.locator(f"#places-map {MARKERS}")).to_have_count(places)
    tab.assert_clean_console()


def test_when_tiles_cannot_load_the_calendar_and_facility_are_their_lists(open_tab, settings):
    dead_tiles(settings)
    tab = open_tab()
    page = tab.page
    tab.goto("/calendar/")
    expect(page.locator("#facilities-map-notice")).to_be_visible()
    expect(page.locator("#facilities-map")).to_be_hidden()
    expect(page.locator(".facility-card").first).to_be_visible()
    expect(page.locator(".district-overview__map")).to_be_visible()
    violations = blocking_violations(page, "calendar without tiles")

    facility = located_facilities().order_by("pk").first()
    tab.goto(f"/calendar/facilities/{facility.slug}/")
    expect(page.locator("#facility-map-notice")).to_be_visible()
    expect(page.locator(".facility-facts")).to_contain_text(facility.address)
    assert violations == [], "axe-core violations:\n" + "\n".join(violations)
    tile_failures = [error for error in tab.console_errors if "127.0.0.1:9/" in error]
    assert tile_failures, "expected the tile requests to fail"
    tab.console_errors[:] = [error for error in tab.console_errors if error not in tile_failures]
    tab.assert_clean_console()


def test_without_javascript_the_calendar_is_its_list_and_the_overview(open_tab, settings):
    tab = open_tab(java_script_enabled=False)
    working_tiles(settings, tab)
    page = tab.page
    tab.goto("/calendar/")
    expect(page.locator("#facilities-map")).to_be_hidden()
    expect(page.locator(".facility-card").first).to_be_visible()
    table = page.locator(".district-overview__table")
    expect(table.locator("tbody tr")).to_have_count(4)
    expect(page.get_by_role("img", name="Схема районов Сочи")).to_be_visible()
    # axe-core runs as a script: it checked these pages with JavaScript on, above.


def test_without_a_tile_server_configured_no_map_is_drawn(tab, settings):
    settings.MAP_TILE_URL = ""
    page = tab.page
    tab.goto("/calendar/")
    expect(page.locator("[data-map]")).to_have_count(0)
    expect(page.locator(".district-overview__table")).to_be_visible()
    tab.goto("/producers/fairs/")
    expect(page.locator("[data-map]")).to_have_count(0)
    expect(page.locator(".places__list a").first).to_be_visible()
    tab.assert_clean_console()
