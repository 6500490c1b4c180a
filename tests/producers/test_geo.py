"""/api/v1/geo/producers/ and /api/v1/geo/fairs/: the section's places as GeoJSON, public ones
only, [longitude, latitude]; producers by the directory's filters, fairs by district."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.bitsets import mask_of
from portal.district_map import contains
from producers.demo.content import FAIRS, PRODUCERS
from producers.demo.seeding import bulk_create_directory
from producers.models import ModerationStatus, Producer
from tests.producers.factories import (
    CategoryFactory,
    FairDayFactory,
    FairFactory,
    FairScheduleFactory,
    ProducerFactory,
    ProducerIndexPageFactory,
)

pytestmark = pytest.mark.django_db

PRODUCERS_URL, FAIRS_URL = "/api/v1/geo/producers/", "/api/v1/geo/fairs/"
TODAY = datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC)
HERE = {"latitude": Decimal("43.612000"), "longitude": Decimal("39.735000")}


@pytest.fixture
def section(home):
    return ProducerIndexPageFactory(parent=home)


def features(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/geo+json"
    return response.json()["features"]


def test_only_published_producers_with_coordinates_are_on_the_map(client, section):
    shown = ProducerFactory(name="Пасека «Липа»", **HERE)
    ProducerFactory(name="Черновик", status=ModerationStatus.DRAFT, is_live=False, **HERE)
    ProducerFactory(name="На проверке", status=ModerationStatus.SUBMITTED, is_live=False, **HERE)
    ProducerFactory(name="Отклонён", status=ModerationStatus.REFUSED, is_live=False, **HERE)
    ProducerFactory(name="Без координат")
    assert [feature["id"] for feature in features(client, PRODUCERS_URL)] == [shown.pk]


def test_a_producer_is_its_point_its_page_categories_and_address_and_nothing_private(
    client, section
):
    honey = CategoryFactory(name="Мёд", slug="med")
    producer = ProducerFactory(
        name="Пасека «Липа»", categories=[honey], email="owner@example.com", **HERE
    )
    (feature,) = features(client, PRODUCERS_URL)
    assert feature["geometry"] == {"type": "Point", "coordinates": [39.735, 43.612]}
    properties = feature["properties"]
    assert properties["url"] == f"http://testserver{section.url}{producer.slug}/"
    assert properties["categories"] == [{"slug": "med", "name": "Мёд"}]
    assert properties["address"] == producer.address
    assert not {"email", "phone", "inn", "owner", "consent_version", "status"} & set(properties)


def test_producers_follow_the_directory_filters(client, section):
    honey = CategoryFactory(name="Мёд", slug="med")
    in_adler = ProducerFactory(district="adlersky", categories=[honey], **HERE)
    ProducerFactory(district="central", categories=[honey], **HERE)
    ProducerFactory(district="adlersky", **HERE)
    found = features(client, f"{PRODUCERS_URL}?district=adlersky&category=med")
    assert [feature["id"] for feature in found] == [in_adler.pk]
    refused = client.get(f"{PRODUCERS_URL}?district=moscow")
    assert refused.status_code == 400
    assert "Неизвестный район" in refused.json()["errors"][0]


@time_machine.travel(TODAY, tick=False)
def test_a_fair_has_its_format_schedule_in_words_and_next_day(client, section):
    fair = FairFactory(name="Ярмарка в Хосте", district="khostinsky", **HERE)
    FairScheduleFactory(
        fair=fair,
        weekdays=mask_of([3, 6]),
        opens_at=datetime.time(8),
        closes_at=datetime.time(14),
        season_from=11,
        season_until=2,
    )
    FairDayFactory(fair=fair, date=datetime.date(2026, 11, 21))  # past
    FairDayFactory(fair=fair, date=datetime.date(2026, 12, 2))
    FairDayFactory(fair=fair, date=datetime.date(2026, 11, 28))
    FairFactory(name="Без координат")
    (feature,) = features(client, FAIRS_URL)
    properties = feature["properties"]
    assert feature["geometry"]["coordinates"] == [39.735, 43.612]
    assert properties["url"] == f"http://testserver{section.url}fairs/{fair.slug}/"
    assert properties["fair_format"]["value"] == "farm_yard"
    assert properties["schedule"] == ["По средам и субботам, 08:00–14:00 (сезон: ноябрь – февраль)"]
    assert properties["next_day"] == "2026-11-28"


def test_fairs_of_one_district_and_a_bad_district_refused(client, section):
    adler = FairFactory(district="adlersky", **HERE)
    FairFactory(district="central", **HERE)
    assert [f["id"] for f in features(client, f"{FAIRS_URL}?district=adlersky")] == [adler.pk]
    refused = client.get(f"{FAIRS_URL}?district=sochi")
    assert refused.status_code == 400
    assert refused.json() == {"errors": ["Неизвестный район: выберите район из списка."]}


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@time_machine.travel(TODAY, tick=False)
def test_the_geojson_reads_the_same_queries_at_small_and_large_sizes(client, section):
    urls = [PRODUCERS_URL, f"{PRODUCERS_URL}?district=adlersky&brand=true", FAIRS_URL]

    def grow(producers, fairs, prefix):
        bulk_create_directory(producers, 1, prefix=prefix)
        for number in range(fairs):
            fair = FairFactory(**HERE)
            FairScheduleFactory(fair=fair)
            FairDayFactory(fair=fair, date=datetime.date(2026, 11, 28 + number % 3))
        Producer.objects.update(**HERE)

    grow(10, 2, "small")
    small = {url: count_queries(client, url) for url in urls}
    grow(1_000, 20, "large")
    large = {url: count_queries(client, url) for url in urls}
    assert small == large
    assert max(large.values()) <= 15, large


def test_every_demo_fair_and_producer_stands_inside_its_district():
    fairs = [(name, district, lon, lat) for name, _f, district, _a, lat, lon, *_ in FAIRS]
    producers = [(name, district, lon, lat) for name, _f, _c, district, _a, lat, lon in PRODUCERS]
    misplaced = [
        name for name, district, lon, lat in fairs + producers if not contains(district, lon, lat)
    ]
    assert misplaced == []
