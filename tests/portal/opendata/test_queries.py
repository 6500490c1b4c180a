"""A set's files cost a fixed number of queries, whatever the number of records."""

import pytest

from tests.portal.opendata.files import current_path
from tests.producers.factories import (
    CategoryFactory,
    ProducerFactory,
    ProducerIndexPageFactory,
    ProductFactory,
)

pytestmark = pytest.mark.django_db
# The date of last change (2), the section page and its view restrictions (2), the products with
# their producer and category (1), and Wagtail's site root paths for the addresses (1).
PRODUCT_FILE_QUERIES = 6


def products(count):
    """`count` products of a producer each five, all in one category."""
    honey = CategoryFactory(name="Мёд", slug="med")
    producers = [ProducerFactory(categories=[honey]) for _ in range(0, count, 5)]
    for number in range(count):
        ProductFactory(producer=producers[number // 5], category=honey)


@pytest.mark.parametrize("count", [3, 60])
@pytest.mark.parametrize("extension", ["csv", "json"])
def test_the_products_files_cost_the_same_queries_for_few_and_many(
    client, home, django_assert_max_num_queries, count, extension
):
    ProducerIndexPageFactory(parent=home)
    products(count)
    path = current_path(client, "local-products", extension=extension)
    with django_assert_max_num_queries(PRODUCT_FILE_QUERIES):
        response = client.get(path)
    assert response.status_code == 200
    assert response.content.decode().count("Мёд №") == count


@pytest.mark.parametrize("count", [2, 40])
def test_the_catalogue_and_the_producers_file_do_not_grow_with_the_records(
    client, home, django_assert_max_num_queries, count
):
    ProducerIndexPageFactory(parent=home)
    products(count)
    # The base template (menu, settings) and each set's date of last change: 27-29 measured.
    with django_assert_max_num_queries(32):
        assert client.get("/opendata/").status_code == 200
    path = current_path(client, "local-producers")
    with django_assert_max_num_queries(6):
        assert client.get(path).status_code == 200
