"""/api/v1/geo/facilities/: GeoJSON of the calendar's facilities with coordinates, chosen by the
calendar's own filters; and the calendar's overview by district."""

import csv
import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from calendar_pages.demo.loader import DATA_DIR
from calendar_pages.models import District, Facility, FacilityStatus
from portal.district_map import contains, district_at
from tests.calendar_pages.catalog_facilities import make_catalog_facilities
from tests.calendar_pages.factories import FacilityFactory, bulk_create_facilities

pytestmark = pytest.mark.django_db

URL = "/api/v1/geo/facilities/"
TODAY = datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC)
QUERIES = [
    "",
    "?district=adlersky",
    "?type=school&status=delayed",
    "?month=2026-11",
    "?year=2027",
    "?when=past",
    "?when=upcoming&district=central",
]
# A point in each district, on land.
POINTS = {
    District.CENTRAL: (Decimal("43.5920"), Decimal("39.7260")),
    District.KHOSTINSKY: (Decimal("43.5190"), Decimal("39.8740")),
    District.ADLERSKY: (Decimal("43.4330"), Decimal("39.9250")),
    District.LAZAREVSKY: (Decimal("43.9120"), Decimal("39.3370")),
}


def locate_all():
    for district, (lat, lon) in POINTS.items():
        Facility.objects.filter(district=district).update(latitude=lat, longitude=lon)


@pytest.fixture
def located(calendar_page):
    facilities = make_catalog_facilities()
    locate_all()
    return facilities


def features(client, query=""):
    response = client.get(URL + query)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert data["type"] == "FeatureCollection"
    return data["features"]


def test_a_facility_is_a_point_in_longitude_latitude_order(client, calendar_page):
    facility = FacilityFactory(
        name="Школа в Хосте",
        district=District.KHOSTINSKY,
        latitude=Decimal("43.519000"),
        longitude=Decimal("39.874000"),
    )
    (feature,) = features(client)
    assert feature["type"] == "Feature"
    assert feature["id"] == facility.pk
    assert feature["geometry"] == {"type": "Point", "coordinates": [39.874, 43.519]}
    properties = feature["properties"]
    assert properties["name"] == "Школа в Хосте"
    assert properties["url"] == f"http://testserver{calendar_page.url}facilities/{facility.slug}/"
    assert properties["district"] == {"value": "khostinsky", "label": "Хостинский"}


def test_facilities_without_coordinates_are_left_out(client, calendar_page):
    FacilityFactory(latitude=Decimal("43.5"), longitude=None)
    FacilityFactory(latitude=None, longitude=Decimal("39.7"))
    shown = FacilityFactory(latitude=Decimal("43.59"), longitude=Decimal("39.72"))
    assert [feature["id"] for feature in features(client)] == [shown.pk]


@time_machine.travel(TODAY, tick=False)
def test_properties_carry_the_lateness_and_the_dates_but_not_the_contract(client, calendar_page):
    late = FacilityFactory(
        planned_on_original=datetime.date(2026, 10, 1),
        status=FacilityStatus.DELAYED,
        contractor="ООО «Подрядчик»",
        budget=Decimal("1000"),
        latitude=Decimal("43.59"),
        longitude=Decimal("39.72"),
    )
    (feature,) = features(client)
    properties = feature["properties"]
    assert properties["lateness"] == {"value": "red", "label": "Отставание"}
    assert properties["status"]["value"] == "delayed"
    assert properties["planned_on_original"] == properties["planned_on"] == "2026-10-01"
    assert properties["commissioned_on"] is None
    assert properties["id"] == late.pk
    assert not {"contractor", "budget", "department", "replans"} & set(properties)


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize("query", QUERIES)
def test_the_filters_choose_the_facilities_the_calendar_lists(client, located, query):
    page = client.get(f"/calendar/{query}")
    assert page.status_code == 200
    listed = [facility.pk for facility in page.context["facilities_page"].paginator.object_list]
    assert [feature["id"] for feature in features(client, query)] == listed


@pytest.mark.parametrize(
    "query, message",
    [
        ("?district=sochi", "Неизвестный район"),
        ("?month=ноябрь", "ГГГГ-ММ"),
        ("?type=castle", "Неизвестный тип объекта"),
    ],
)
def test_bad_filters_are_refused_with_the_reason_in_russian(client, located, query, message):
    response = client.get(URL + query)
    assert response.status_code == 400
    assert any(message in error for error in response.json()["errors"]), response.json()


def test_the_list_is_open_to_other_sites_and_cached_by_the_page_cache_rules(client, located):
    response = client.get(URL, HTTP_ACCEPT="application/json")
    assert response.status_code == 200  # JSON is what they asked: GeoJSON is JSON
    assert response["Access-Control-Allow-Origin"] == "*"


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@time_machine.travel(TODAY, tick=False)
def test_the_geojson_reads_the_same_queries_at_40_and_4000_facilities(client, calendar_page):
    urls = [URL + query for query in QUERIES]
    bulk_create_facilities(40, first_day=datetime.date(2026, 1, 1), prefix="small")
    locate_all()
    small = {url: count_queries(client, url) for url in urls}
    bulk_create_facilities(4_000 - 40, first_day=datetime.date(2015, 1, 1), prefix="large")
    locate_all()
    large = {url: count_queries(client, url) for url in urls}
    assert small == large
    assert max(large.values()) <= 15, large


@time_machine.travel(TODAY, tick=False)
def test_the_calendar_counts_facilities_and_late_ones_by_district(client, calendar_page):
    FacilityFactory(district=District.ADLERSKY, planned_on_original=datetime.date(2026, 10, 1))
    FacilityFactory(district=District.ADLERSKY, planned_on_original=datetime.date(2027, 6, 1))
    FacilityFactory(
        district=District.ADLERSKY,
        planned_on_original=datetime.date(2027, 6, 1),
        forecast_on=datetime.date(2027, 8, 1),
    )
    FacilityFactory(district=District.CENTRAL, planned_on_original=datetime.date(2027, 6, 1))
    response = client.get("/calendar/")
    counts = {
        count.district.value: (count.total, count.late, count.at_risk)
        for count in response.context["overview"]["districts"]
    }
    assert counts == {
        "central": (1, 0, 0),
        "khostinsky": (0, 0, 0),
        "adlersky": (3, 1, 1),
        "lazarevsky": (0, 0, 0),
    }
    html = response.content.decode()
    assert 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    assert "Адлерский: 3 объекта, отставание: 1, есть риск: 1" in html
    assert "<caption>" in html


@time_machine.travel(TODAY, tick=False)
def test_the_overview_follows_the_calendar_filters(client, calendar_page):
    make_catalog_facilities()
    response = client.get("/calendar/?type=school")
    totals = {
        count.district.value: count.total for count in response.context["overview"]["districts"]
    }
    assert totals == {"central": 1, "khostinsky": 0, "adlersky": 1, "lazarevsky": 0}


def test_every_demo_facility_stands_inside_its_district():
    with open(DATA_DIR / "facilities.csv", encoding="utf-8", newline="") as data:
        rows = list(csv.DictReader(data, delimiter=";"))
    assert rows
    misplaced = [
        (row["slug"], row["district"], district_at(float(row["longitude"]), float(row["latitude"])))
        for row in rows
        if not contains(row["district"], float(row["longitude"]), float(row["latitude"]))
    ]
    assert misplaced == []


def test_the_sea_and_places_outside_sochi_are_in_no_district():
    assert district_at(39.70, 43.55) is None  # the Black Sea off the centre
    assert district_at(38.98, 45.04) is None  # Krasnodar
    assert district_at(39.7260, 43.5920) == "central"
