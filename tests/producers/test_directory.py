"""The public directory, producer and fair pages: filters, facets, season, text, feeds."""

import datetime

import pytest
from django.utils.http import urlencode
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calendar_pages.models import CityEvent, EventCategory
from portal.bitsets import mask_of
from tests.producers.catalog_directory import make_two_producers
from tests.producers.factories import FairDayFactory, FairFactory, FairScheduleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("directory", "on_demo_day")]
TODAY = datetime.date(2026, 11, 26)


@pytest.fixture
def catalog():
    made = make_two_producers()
    return {
        "apiary": made["apiary"],
        "grove": made["grove"],
        "hidden": made["draft"],
        "fair": made["fair"],
        "day": made["saturday"],
    }


def names(response, kind="producers"):
    return sorted(str(item) for item in response.context["items_page"].object_list)


def test_directory_lists_only_published_producers(client, catalog):
    response = client.get("/producers/")
    assert response.status_code == 200
    assert names(response) == ["Мандариновая роща", "Пасека Гулиевых"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"category": "med"}, ["Пасека Гулиевых"]),
        ({"district": "khostinsky"}, ["Мандариновая роща"]),
        ({"brand": "true"}, ["Пасека Гулиевых"]),
        ({"brand": "false"}, ["Мандариновая роща"]),
        ({"season": "true"}, ["Мандариновая роща", "Пасека Гулиевых"]),
        ({"fair_week": "true"}, ["Пасека Гулиевых"]),
        ({"fair_week": "false"}, ["Мандариновая роща"]),
        ({"q": "пасеки"}, ["Пасека Гулиевых"]),
    ],
)
def test_producer_filters(client, catalog, query, expected):
    assert names(client.get("/producers/", query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Лимоны", "Мандарины", "Мёд каштановый"]),
        ({"season": "true"}, ["Мандарины", "Мёд каштановый"]),
        ({"season": "false"}, ["Лимоны"]),
        ({"category": "citrus", "season": "true"}, ["Мандарины"]),
        ({"fair_week": "true"}, ["Мёд каштановый"]),
        ({"district": "khostinsky"}, ["Лимоны", "Мандарины"]),
        ({"q": "мандарин"}, ["Мандарины"]),
        ({"q": "мёду"}, ["Мёд каштановый"]),
    ],
)
def test_product_filters(client, catalog, query, expected):
    assert names(client.get("/producers/", {"view": "products", **query})) == expected


def test_in_season_now_follows_the_clock(client, catalog, time_machine):
    time_machine.move_to(datetime.datetime(2026, 2, 15, 12, tzinfo=datetime.UTC))
    response = client.get("/producers/", {"view": "products", "season": "true"})
    assert names(response) == ["Лимоны", "Мёд каштановый"]
    time_machine.move_to(datetime.datetime(2026, 7, 15, 12, tzinfo=datetime.UTC))
    response = client.get("/producers/", {"view": "products", "season": "true"})
    assert names(response) == ["Мёд каштановый"]


@pytest.mark.parametrize("view", ["producers", "products"])
@pytest.mark.parametrize(
    "base", [{}, {"district": "adlersky"}, {"season": "true"}, {"category": "citrus"}]
)
def test_facet_counts_equal_what_the_list_then_shows(client, catalog, view, base):
    response = client.get("/producers/", {"view": view, **base})
    for name, options in response.context["facets"].items():
        for option in options:
            chosen = client.get("/producers/", {"view": view, **base, name: option.value})
            assert chosen.context["items_page"].paginator.count == option.count, (name, option)


@pytest.mark.parametrize("view", ["producers", "products"])
@pytest.mark.parametrize(
    "params", [{}, {"district": "adlersky"}, {"season": "true", "category": "citrus"}]
)
def test_the_total_is_the_number_of_items_listed(client, catalog, view, params):
    response = client.get("/producers/", {"view": view, **params})
    page = response.context["items_page"]
    assert page.paginator.num_pages == 1  # the whole list is on the page
    assert page.paginator.count == len(page.object_list)


def test_unknown_filter_values_give_400_with_a_russian_message(client, catalog):
    response = client.get("/producers/", {"category": "nope", "district": "moon"})
    assert response.status_code == 400
    assert "Неизвестная категория" in response.content.decode()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    params=st.dictionaries(
        st.sampled_from(
            ["q", "view", "category", "district", "brand", "season", "fair_week", "page"]
        ),
        st.text(max_size=300),
        max_size=5,
    )
)
def test_hostile_filter_values_never_give_a_server_error(client, catalog, params):
    response = client.get("/producers/?" + urlencode(params))
    assert response.status_code in (200, 400)


def test_producer_page_shows_products_fair_days_and_contacts(client, catalog):
    response = client.get(f"/producers/{catalog['apiary'].slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Мёд каштановый" in html
    assert "Фермерский дворик" in html
    assert "Мёд скрытый" not in html
    assert "«Выбирай сочинское!»" in html


def test_unpublished_producer_page_is_not_found(client, catalog):
    assert client.get(f"/producers/{catalog['hidden'].slug}/").status_code == 404


def test_expired_brand_mark_is_not_shown_as_valid(catalog):
    assert catalog["apiary"].brand_mark_valid()
    assert not catalog["grove"].brand_mark_valid()
    assert catalog["grove"].brand_mark_valid(on=datetime.date(2025, 6, 1))


def test_fair_page_shows_who_trades_on_the_coming_days(client, catalog):
    response = client.get(f"/producers/fairs/{catalog['fair'].slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Пасека Гулиевых" in html
    assert "суббота" in html.lower()


def test_fair_list_shows_fairs_and_rejects_unknown_district(client, catalog):
    response = client.get("/producers/fairs/")
    assert response.status_code == 200
    assert "Фермерский дворик" in response.content.decode()
    assert client.get("/producers/fairs/?district=mars").status_code == 400


def test_fair_feed_is_icalendar_with_the_roster(client, catalog):
    response = client.get(f"/producers/fairs/{catalog['fair'].slug}/feed.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "BEGIN:VEVENT" in body and "Пасека Гулиевых" in body


def test_fair_days_come_from_the_schedule_and_appear_in_the_city_calendar():
    schedule = FairScheduleFactory(weekdays=mask_of([6]), season_from=11, season_until=2)
    fair = schedule.fair
    days = fair.generate_days(TODAY, TODAY + datetime.timedelta(days=13))
    assert [day.date for day in days] == [datetime.date(2026, 11, 28), datetime.date(2026, 12, 5)]
    events = CityEvent.objects.filter(category=EventCategory.FAIR).order_by("starts_at")
    assert events.count() == 2
    assert events[0].link_url == f"/producers/fairs/{fair.slug}/"
    fair.generate_days(TODAY, TODAY + datetime.timedelta(days=13))
    assert CityEvent.objects.count() == 2
    fair.days.first().delete()
    assert CityEvent.objects.count() == 1


def test_out_of_season_schedule_gives_no_days():
    schedule = FairScheduleFactory(weekdays=mask_of(range(1, 8)), season_from=5, season_until=9)
    assert schedule.fair.generate_days(TODAY, TODAY + datetime.timedelta(days=30)) == []


def test_roster_respects_trading_places_and_publication(catalog):
    from django.core.exceptions import ValidationError

    day = FairDayFactory(fair=FairFactory(trading_places=1), date=datetime.date(2026, 11, 29))
    day.add_producer(catalog["apiary"])
    with pytest.raises(ValidationError):
        day.add_producer(catalog["grove"])
    with pytest.raises(ValidationError):
        catalog["day"].add_producer(catalog["hidden"])
