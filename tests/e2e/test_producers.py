"""«Выбирай сочинское!» in a real browser: a producer registers, confirms the e-mail, fills the
profile, signs up for a fair day and lists a product; a staff member of «Потребительский рынок»
approves both in the Wagtail admin; a visitor finds the product by category, season and text and
sees at which fair it is sold this week. axe-core on the directory, a producer page, a fair page
and the cabinet. A second test: the map with an unreachable tile server falls back to the list.
"""

import copy
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from portal.roles import CONSUMER_MARKET
from producers.validators import with_inn_check, with_ogrn_check
from tests.e2e.axe import blocking_violations
from tests.e2e.journeys import sign_up_and_confirm, staff_tab

pytestmark = pytest.mark.e2e

EMAIL = "gornaya.pasieka@example.com"
PASSWORD = "Kashtan-2026-med!"
PRODUCER = "Пасека «Горный каштан»"
PRODUCT = "Мёд каштановый горный"
# An unreachable local port: every tile request fails at once, nothing leaves the machine.
DEAD_TILES = "http://127.0.0.1:9/{z}/{x}/{y}.png"


def fill_profile(page):
    form = page.locator("form.cabinet-form, main form").first
    form.locator("[name=name]").fill(PRODUCER)
    form.locator("[name=legal_form]").select_option("organisation")
    form.locator("[name=legal_name]").fill("ООО «Горный каштан»")
    form.locator("[name=inn]").fill(with_inn_check("231977001"))
    form.locator("[name=ogrn]").fill(with_ogrn_check("102231977001"))
    form.locator("[name=description]").fill("Каштановый и горный мёд с пасек Красной Поляны.")
    form.locator("[name=categories]").first.check()
    form.locator("[name=district]").select_option("adlersky")
    form.locator("[name=address]").fill("г. Сочи, Эстосадок, ул. Пасечная, 3")
    form.locator("[name=latitude]").fill("43.68")
    form.locator("[name=longitude]").fill("40.26")
    form.locator("[name=phone]").fill("+7 862 555-12-34")
    form.locator("[name=email]").fill(EMAIL)
    form.locator("[name=sells_at_fairs]").check()
    form.locator("[name=consent]").check()
    form.locator("button[type=submit]").click()


def find_through_pages(tab, path, name, pages=20):
    """Open a directory list and follow its "next" links until a card titled `name` shows."""
    page = tab.page
    tab.goto(path)
    for _ in range(pages):
        if page.get_by_role("heading", name=name, exact=True).count():
            return True
        following = page.locator(".pagination a[rel=next]")
        if not following.count():
            return False
        following.first.click()
        page.wait_for_load_state()
    return False


def approve_in_queue(tab, name):
    page = tab.page
    tab.goto("/admin/producers-moderation/")
    page.get_by_role("link", name=name, exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/producers-moderation/\d+/$"))
    page.locator("form[action$='/approve/'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/producers-moderation/$"))
    expect(page.locator(".messages")).to_contain_text(name)


def test_producer_lists_a_product_staff_approve_and_a_visitor_finds_it_and_its_fair(open_tab):
    mail.outbox.clear()
    producer = open_tab()
    page = producer.page
    sign_up_and_confirm(producer, EMAIL, PASSWORD)

    producer.goto("/cabinet/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Кабинет производителя")
    violations = blocking_violations(page, "cabinet, new producer")
    page.locator("a[href='/cabinet/profile/']").first.click()
    violations += blocking_violations(page, "cabinet, profile form")
    fill_profile(page)
    expect(page).to_have_url(re.compile(r"/cabinet/$"))
    page.locator("form[action='/cabinet/profile/submit/'] button").click()
    expect(page.locator(".status-badge").first).to_have_class(re.compile("submitted"))

    staff = staff_tab(open_tab, CONSUMER_MARKET, "market", PASSWORD)
    approve_in_queue(staff, PRODUCER)

    producer.goto("/cabinet/")
    expect(page.locator(".status-badge").first).to_have_class(re.compile("published"))
    page.locator("a[href='/cabinet/fairs/']").click()
    first_day = page.locator(".cabinet-table tbody tr").first
    fair_name = first_day.locator("td").nth(1).inner_text().split(",")[0]
    first_day.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text(fair_name)

    producer.goto("/cabinet/products/new/")
    form = page.locator("main form").first
    form.locator("[name=name]").fill(PRODUCT)
    form.locator("[name=category]").select_option(label="Мёд")
    form.locator("[name=description]").fill("Тёмный горький мёд каштанового цветения.")
    form.locator("[name=unit]").fill("банка 0,5 л")
    form.locator("[name=price]").fill("750")
    form.locator("[name=price_date]").fill(timezone.localdate().isoformat())
    this_month = timezone.localdate().month
    for month in {this_month, this_month % 12 + 1}:
        form.locator(f"[name=months][value='{month}']").check()
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/cabinet/$"))
    row = page.locator(".cabinet-table tr", has_text=PRODUCT)
    row.locator("form[action$='/submit/'] button").click()
    expect(row.locator(".status-badge")).to_have_class(re.compile("submitted"))
    violations += blocking_violations(page, "cabinet, product submitted")

    approve_in_queue(staff, PRODUCT)
    producer.goto("/cabinet/")
    expect(row.locator(".status-badge")).to_have_class(re.compile("published"))

    visitor = open_tab()
    page = visitor.page
    visitor.goto("/producers/?view=products")
    violations += blocking_violations(page, "directory")
    for query in ["category=med", "season=true", "q=каштанового+мёда", "fair_week=true&q=мёд"]:
        path = f"/producers/?view=products&{query}"
        assert find_through_pages(visitor, path, PRODUCT), f"{PRODUCT} not found at {path}"
    visitor.goto("/producers/?view=products&season=false&q=каштановый")
    expect(page.get_by_role("heading", name=PRODUCT)).to_have_count(0)

    visitor.goto("/producers/?view=products&q=каштанового")
    card = page.locator(".product-card", has=page.get_by_role("heading", name=PRODUCT))
    card.get_by_role("link", name=PRODUCER).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PRODUCER)
    expect(page.locator("main")).to_contain_text(fair_name)
    violations += blocking_violations(page, "producer page")
    page.locator("main a", has_text=fair_name).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fair_name)
    expect(page.get_by_role("link", name=PRODUCER)).to_be_visible()
    violations += blocking_violations(page, "fair page")

    assert violations == [], "axe-core violations:\n" + "\n".join(violations)
    for tab in (producer, staff, visitor):
        tab.assert_clean_console()


def test_map_that_cannot_load_its_tiles_leaves_the_list_of_places_usable(open_tab, settings):
    settings.MAP_TILE_URL = DEAD_TILES
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["img-src"].append("http://127.0.0.1:9")  # as settings do for the URL
    settings.CONTENT_SECURITY_POLICY = policy
    tab = open_tab()
    page = tab.page
    csp_violations = []
    page.on(
        "console",
        lambda m: csp_violations.append(m.text) if "Content Security Policy" in m.text else None,
    )

    tab.goto("/producers/fairs/")
    expect(page.locator("#places-map-notice")).to_be_visible()
    expect(page.locator("#places-map")).to_be_hidden()
    places = page.locator(".places__list a")
    assert places.count() == 8
    first = places.first.inner_text()
    places.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(first)
    expect(page.locator("#places-map-notice")).to_be_visible()
    expect(page.locator(".places__list li")).to_contain_text([first])

    assert csp_violations == []
    assert page.evaluate("typeof window.L") == "object"  # Leaflet did load and run
    tile_failures = [error for error in tab.console_errors if "127.0.0.1:9/" in error]
    assert tile_failures, "expected the tile requests to fail"
    tab.console_errors[:] = [error for error in tab.console_errors if error not in tile_failures]
    tab.assert_clean_console()


def test_map_with_working_tiles_shows_every_listed_place_as_a_marker(open_tab, settings):
    tab = open_tab()
    # Any image the live server serves stands in for a tile server (same origin: CSP allows it).
    settings.MAP_TILE_URL = tab.base_url + "/static/vendor/leaflet/images/layers.png?{z}-{x}-{y}"
    page = tab.page
    csp_violations = []
    page.on(
        "console",
        lambda m: csp_violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    tab.goto("/producers/fairs/")
    expect(page.locator("#places-map")).to_be_visible()
    expect(page.locator("#places-map .leaflet-tile-loaded").first).to_be_attached()
    expect(page.locator("#places-map .leaflet-marker-icon")).to_have_count(8)
    expect(page.locator("#places-map-notice")).to_be_hidden()
    page.locator("#places-map .leaflet-marker-icon").first.click()
    expect(page.locator(".leaflet-popup-content a")).to_be_visible()
    assert page.locator(".places__list a").count() == 8  # the list stays under the map
    assert csp_violations == []
    tab.assert_clean_console()
