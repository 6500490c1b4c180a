"""The API's lists and records use the same number of SQL queries at small and large sizes."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from calendar_pages.models import Facility
from producers.demo.seeding import bulk_create_directory
from shelter.demo.seeding import bulk_create_pets
from shelter.models import Pet
from tests.calendar_pages.factories import (
    CalendarIndexPageFactory,
    FacilityFactory,
    bulk_create_facilities,
)
from tests.producers.catalog_directory import TODAY as DIRECTORY_DAY
from tests.producers.factories import (
    CategoryFactory,
    FairDayFactory,
    ProducerFactory,
    ProducerIndexPageFactory,
)
from tests.shelter.factories import PetPhotoFactory, ShelterIndexPageFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15
PET_URLS = [
    "/api/v1/pets/",
    "/api/v1/pets/?species=dog&sterilised=yes&page=3",
    "/api/v1/pets/?q=метис&species=dog&sex=female&size=small",
]
FACILITY_URLS = [
    "/api/v1/facilities/",
    "/api/v1/facilities/?district=adlersky&page=3",
    "/api/v1/facilities/?year=2026&type=school",
]


def count_queries(client, url):
    client.get(url)  # warm what every request shares (site root, translations)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(queries)


def test_pet_lists_use_the_same_queries_at_60_and_10000_pets(client, home):
    ShelterIndexPageFactory(parent=home)
    for pet in bulk_create_pets(12, prefix="фото"):
        PetPhotoFactory(pet=Pet.objects.get(name=pet.name))
    bulk_create_pets(48, index=True)
    first = Pet.objects.in_catalog().order_by("pk").first()
    urls = [*PET_URLS, f"/api/v1/pets/{first.pk}/"]
    small = {url: count_queries(client, url) for url in urls}
    bulk_create_pets(10_000 - 60, prefix="нагрузка")
    large = {url: count_queries(client, url) for url in urls}
    # Pages with fewer photos skip a prefetch, so a count may drop; it never grows.
    assert all(large[url] <= small[url] for url in urls), (small, large)
    assert max(large.values()) <= MAX_QUERIES, large


@time_machine.travel(datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC), tick=False)
def test_facility_lists_use_the_same_queries_at_40_and_4000_facilities(client, home, admin_user):
    CalendarIndexPageFactory(parent=home)
    replanned = FacilityFactory(planned_on_original=datetime.date(2026, 11, 5))
    replanned.replan(datetime.date(2026, 11, 25), "Перенос", by=admin_user)
    bulk_create_facilities(39, first_day=datetime.date(2026, 1, 1), prefix="small")
    urls = [*FACILITY_URLS, f"/api/v1/facilities/{replanned.pk}/"]
    small = {url: count_queries(client, url) for url in urls}
    bulk_create_facilities(4_000 - 40, first_day=datetime.date(2015, 1, 1), prefix="large")
    assert Facility.objects.count() == 4_000
    large = {url: count_queries(client, url) for url in urls}
    assert small == large
    assert max(large.values()) <= MAX_QUERIES, large


DIRECTORY_URLS = [
    "/api/v1/producers/",
    "/api/v1/producers/?category=med&district=adlersky&season=true",
    "/api/v1/products/",
    "/api/v1/products/?category=med&season=true&page=2",
]


@time_machine.travel(DIRECTORY_DAY, tick=False)
def test_directory_lists_use_the_same_queries_at_200_and_20000_products(client, home):
    ProducerIndexPageFactory(parent=home)
    categories = [CategoryFactory(slug="med", name="Мёд"), CategoryFactory(slug="chai")]
    producer = ProducerFactory(name="Пасека Гулиевых", categories=categories[:1])
    FairDayFactory().add_producer(producer)
    bulk_create_directory(20, 10, prefix="small", categories=categories)
    urls = [*DIRECTORY_URLS, f"/api/v1/producers/{producer.pk}/"]
    small = {url: count_queries(client, url) for url in urls}
    bulk_create_directory(2_000 - 20, 10, prefix="large", categories=categories)
    large = {url: count_queries(client, url) for url in urls}
    assert small == large
    assert max(large.values()) <= MAX_QUERIES, large
