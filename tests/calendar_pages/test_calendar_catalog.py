"""The calendar's list through the facility catalog: the same order and date filters on both
engines, no facet counts, and no search at all for the month grid."""

import datetime
from unittest import mock

import pytest
import time_machine

from calendar_pages.models import Facility
from calendar_pages.search import FACILITY_CATALOG
from portal.search.catalog import CatalogQuery, DatabaseCatalogSearch

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC)
MIDNIGHT_MS = int(datetime.datetime(2026, 11, 26, tzinfo=datetime.UTC).timestamp() * 1000)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def client_es(cluster_settings):
    with mock.patch("portal.search.catalog.get_client") as get_client:
        yield get_client.return_value


def answer(ids):
    return {
        "took": 1,
        "timed_out": False,
        "hits": {
            "total": {"value": len(ids), "relation": "eq"},
            "hits": [{"_index": "test_facilities-1", "_id": str(pk), "_score": None} for pk in ids],
        },
    }


def sent(client_es):
    return client_es.search.call_args.kwargs["body"]


def names(response):
    return [facility.name for facility in response.context["facilities_page"].object_list]


def test_the_upcoming_order_is_what_opens_next_then_the_past(facilities):
    result = DatabaseCatalogSearch().search(FACILITY_CATALOG, CatalogQuery(sort="upcoming"))
    expected = [f.name for f in Facility.objects.for_calendar().upcoming_first()]
    assert [facility.name for facility in result.page] == expected
    assert expected[0] == "Школа искусств"
    assert expected[-1] == "Школа № 1 на Макаренко"


def test_the_calendar_list_asks_the_cluster_for_what_opens_next_without_facets(
    client, client_es, calendar_page, facilities
):
    by_name = {facility.name: facility for facility in facilities}
    client_es.search.return_value.body = answer(
        [by_name["Школа искусств"].pk, by_name["Парк Ривьера"].pk]
    )
    response = client.get("/calendar/")
    assert response.status_code == 200
    assert names(response) == ["Школа искусств", "Парк Ривьера"]
    body = sent(client_es)
    assert "aggs" not in body
    scripts = [clause["_script"] for clause in body["sort"][:2]]
    assert [script["script"]["params"] for script in scripts] == [{"today": MIDNIGHT_MS}] * 2
    assert body["sort"][2:] == ["name.raw", "pk"]


def test_a_chosen_month_is_listed_in_date_order_on_the_cluster(
    client, client_es, calendar_page, facilities
):
    client_es.search.return_value.body = answer([])
    assert client.get("/calendar/?month=2026-11").status_code == 200
    assert sent(client_es)["sort"] == ["calendar_on", "name.raw", "pk"]


@pytest.mark.parametrize(
    ("when", "bounds"), [("upcoming", {"gte": "2026-11-26"}), ("past", {"lt": "2026-11-26"})]
)
def test_upcoming_and_past_are_date_ranges_of_today_on_the_cluster(
    client, client_es, calendar_page, facilities, when, bounds
):
    client_es.search.return_value.body = answer([])
    assert client.get(f"/calendar/?when={when}").status_code == 200
    assert sent(client_es)["query"]["bool"]["filter"] == [{"range": {"calendar_on": bounds}}]


def test_the_month_grid_asks_the_cluster_nothing(client, client_es, calendar_page, facilities):
    assert client.get("/calendar/?view=grid&month=2026-11").status_code == 200
    client_es.search.assert_not_called()


def test_refused_filters_ask_the_cluster_nothing(client, client_es, calendar_page):
    assert client.get("/calendar/?district=atlantis").status_code == 400
    client_es.search.assert_not_called()
