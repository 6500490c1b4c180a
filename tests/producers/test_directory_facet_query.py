"""The product list's facets are counted in one pass over the products: each option of a
category or a district is a condition on the product's own columns, never a second scan of the
products (a `pk IN (SELECT ... FROM products JOIN ...)` per option)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.producers.catalog_directory import make_two_producers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("directory", "on_demo_day")]

PRODUCTS_SCANNED_AGAIN = 'FROM "producers_product" U0 INNER JOIN'


def facet_query(queries):
    return next(sql for sql in queries if 'AS "category__option_0"' in sql)


@pytest.mark.parametrize(
    "params",
    [
        {"view": "products"},
        {"view": "products", "category": "citrus", "district": "adlersky"},
    ],
)
def test_category_and_district_options_do_not_scan_the_products_again(client, params):
    make_two_producers()
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/producers/", params)
    assert response.status_code == 200
    sql = facet_query(query["sql"] for query in captured.captured_queries)
    assert PRODUCTS_SCANNED_AGAIN not in sql


def test_category_choices_are_read_once_per_page(client):
    make_two_producers()
    with CaptureQueriesContext(connection) as captured:
        client.get("/producers/", {"view": "products"})
    choices = 'SELECT "producers_category"."slug"'
    assert sum(choices in query["sql"] for query in captured.captured_queries) == 1


def test_the_district_of_a_product_is_read_on_the_producer_the_list_joins(client):
    make_two_producers()
    with CaptureQueriesContext(connection) as captured:
        client.get("/producers/", {"view": "products", "district": "adlersky"})
    sql = facet_query(query["sql"] for query in captured.captured_queries)
    assert 'FROM "producers_producer" U0 WHERE U0."district"' not in sql
    assert '"producers_producer"."district" =' in sql


def exists_in_facet_query(client, params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/producers/", params)
    assert response.status_code == 200
    return facet_query(query["sql"] for query in captured.captured_queries).count("EXISTS")


def test_an_active_filter_with_a_subquery_is_evaluated_once_for_every_count(client):
    # "In season" is an EXISTS on the products. Chosen, it narrows every other facet's options:
    # written into each of their counts it would run once per count; it is evaluated once.
    make_two_producers()
    without = exists_in_facet_query(client, {"category": "citrus"})
    chosen = exists_in_facet_query(client, {"category": "citrus", "season": "true"})
    assert chosen == without + 1
