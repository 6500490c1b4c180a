"""The directory's cards read their images' renditions in one query per page, not one per card."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ImageFactory
from tests.producers.factories import CategoryFactory, ProducerFactory, ProductFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("directory", "on_demo_day")]

URLS = ["/producers/", "/producers/?view=products"]


def add_with_images(count, category):
    for _ in range(count):
        producer = ProducerFactory(logo=ImageFactory(), categories=[category])
        ProductFactory(producer=producer, category=category, image=ImageFactory())


def count_queries(client, url):
    client.get(url)  # renders (and stores) every rendition the page needs
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("url", URLS)
def test_cards_with_images_use_the_same_queries_for_two_and_six_cards(client, url):
    category = CategoryFactory(slug="med", name="Мёд")
    add_with_images(2, category)
    two = count_queries(client, url)
    add_with_images(4, category)
    six = count_queries(client, url)
    assert two == six
