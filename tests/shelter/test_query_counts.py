"""The catalog and the pet page use the same number of queries at 60 and at 10,000 pets."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shelter.demo.seeding import bulk_create_pets
from shelter.models import Pet
from tests.shelter.factories import PetFactory, PetPhotoFactory

pytestmark = pytest.mark.django_db

SMALL, LARGE = 60, 10_000
URLS = [
    "/shelter/",
    "/shelter/?species=dog&sterilised=yes&page=3",
    "/shelter/?age=young&children=unknown&sort=oldest",
    "/shelter/?q=ласковый",
    "/shelter/?q=метис&species=cat&size=small",
    "/shelter/found-home/",
]
# Site and page lookups, session, the count, the page, its photos, every facet in one query.
MAX_QUERIES = 15


def count_queries(client, url):
    client.get(url)  # warm what every request shares (site root, translations)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_catalog_queries_are_the_same_at_60_and_10000_pets(client, shelter_page):
    for pet in bulk_create_pets(12, prefix="фото"):
        PetPhotoFactory(pet=Pet.objects.get(name=pet.name))
    bulk_create_pets(SMALL - 12, index=True)
    small = {url: count_queries(client, url) for url in URLS}
    bulk_create_pets(LARGE - SMALL, prefix="нагрузка")
    assert Pet.objects.count() == LARGE
    large = {url: count_queries(client, url) for url in URLS}
    # Pages with fewer photos skip a prefetch, so a count may drop; it never grows.
    assert all(large[url] <= small[url] for url in URLS), (small, large)
    assert max(large.values()) <= MAX_QUERIES, large
    print("catalog queries:", large)


def test_pet_page_queries_are_bounded(client, shelter_page, django_assert_max_num_queries):
    pet = PetFactory()
    for number in range(3):
        PetPhotoFactory(pet=pet, sort_order=number)
    for similar in range(6):
        PetPhotoFactory(pet=PetFactory(name=f"Похожий {similar}"))
    url = f"/shelter/pets/{pet.pk}/"
    client.get(url)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == 200


TEXT_URLS = [
    "/shelter/?q=ласковый",
    "/shelter/?q=ласковый&species=cat&sex=male&size=small",
    "/shelter/?q=ласковый&sort=oldest&page=2",
]


@pytest.mark.parametrize("url", TEXT_URLS)
def test_text_search_queries_are_the_same_at_60_and_600_indexed_pets(
    client, shelter_page, url, django_assert_max_num_queries
):
    bulk_create_pets(SMALL, index=True)
    small = count_queries(client, url)
    bulk_create_pets(600 - SMALL, index=True, prefix="ещё")
    large = count_queries(client, url)
    assert small == large
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == 200
