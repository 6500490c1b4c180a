"""The number of SQL queries of the directory pages does not grow with the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from producers.demo.seeding import bulk_create_directory
from producers.models import Producer, Product
from tests.portal.search.database import database_search_backend
from tests.producers.factories import CategoryFactory, FairDayFactory, ProducerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("directory", "on_demo_day")]

SMALL, LARGE = (20, 10), (2_000, 10)  # (producers, products each): 200 and 20,000 products
URLS = [
    "/producers/",
    "/producers/?page=3",
    "/producers/?category=med&district=adlersky&season=true",
    "/producers/?brand=true&fair_week=true",
    "/producers/?q=пасека",
    "/producers/?view=products",
    "/producers/?view=products&category=med&season=true&page=2",
    "/producers/?view=products&q=мёд",
    "/producers/fairs/",
]
# Site and page lookups, session, count, page, prefetches, the category choices once, fairs
# and the facets in one query.
MAX_QUERIES = 15


def count_queries(client, url):
    client.get(url)  # warm the caches shared by every request (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_directory_uses_the_same_queries_at_200_and_20000_products(client):
    categories = [CategoryFactory(slug="med", name="Мёд"), CategoryFactory(slug="chai")]
    producer = ProducerFactory(name="Пасека Гулиевых", categories=categories[:1])
    FairDayFactory().add_producer(producer)
    bulk_create_directory(*SMALL, prefix="small", categories=categories)
    small = {url: count_queries(client, url) for url in URLS}
    bulk_create_directory(LARGE[0] - SMALL[0], LARGE[1], prefix="large", categories=categories)
    assert Product.objects.count() == LARGE[0] * LARGE[1]
    large = {url: count_queries(client, url) for url in URLS}
    assert small == large
    assert max(large.values()) <= MAX_QUERIES, large


def test_producer_and_fair_pages_queries_are_bounded(client, django_assert_max_num_queries):
    categories = [CategoryFactory(slug="med")]
    producer = bulk_create_directory(1, 30, prefix="one", categories=categories)[0]
    day = FairDayFactory()
    day.add_producer(producer)
    for url in [f"/producers/{producer.slug}/", f"/producers/fairs/{day.fair.slug}/"]:
        client.get(url)
        with django_assert_max_num_queries(15):
            assert client.get(url).status_code == 200


TEXT_URLS = [
    "/producers/?q=производитель&district=adlersky",
    "/producers/?view=products&q=продукт",
    "/producers/?view=products&q=продукт&category=med&season=true",
]


def indexed_directory(producers, prefix, categories):
    bulk_create_directory(producers, 3, prefix=prefix, categories=categories)
    backend = database_search_backend()
    backend.add_bulk(Producer, list(Producer.objects.filter(name__contains=prefix)))
    backend.add_bulk(Product, list(Product.objects.filter(name__contains=prefix)))


@pytest.mark.parametrize("url", TEXT_URLS)
def test_text_search_queries_are_the_same_at_20_and_200_indexed_producers(
    client, url, django_assert_max_num_queries
):
    categories = [CategoryFactory(slug="med", name="Мёд")]
    indexed_directory(20, "small", categories)
    small = count_queries(client, url)
    indexed_directory(180, "large", categories)
    large = count_queries(client, url)
    assert small == large
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["items_page"].paginator.count > 0
