"""/api/v1/producers/ and /api/v1/products/: the directory's records, counts and facets, and only
what is public."""

import pytest
import time_machine

from producers.models import Producer
from tests.producers.catalog_directory import (
    PUBLIC_PRODUCERS,
    PUBLIC_PRODUCTS,
    TODAY,
    make_directory,
)
from tests.producers.factories import ProducerIndexPageFactory

pytestmark = pytest.mark.django_db

PRODUCER_QUERIES = ["", "?district=adlersky", "?category=med", "?brand=true", "?q=пасека"]
PRODUCT_QUERIES = ["", "?category=citrus", "?season=true", "?q=мёд", "?district=adlersky"]


@pytest.fixture
def directory(home):
    ProducerIndexPageFactory(parent=home)
    with time_machine.travel(TODAY, tick=False):
        yield make_directory()


def same_as_the_page(client, page_url, api_url):
    page, api = client.get(page_url), client.get(api_url)
    assert page.status_code == api.status_code == 200, (page_url, api_url)
    data = api.json()
    items = page.context["items_page"]
    assert data["count"] == items.paginator.count
    assert [row["id"] for row in data["results"]] == [item.pk for item in items.object_list]
    html_facets = {
        name: [(option.value, option.count) for option in options]
        for name, options in page.context["facets"].items()
    }
    assert {
        name: [(option["value"], option["count"]) for option in options]
        for name, options in data["facets"].items()
    } == html_facets
    return data


@pytest.mark.parametrize("query", PRODUCER_QUERIES)
def test_producers_are_the_directory(client, directory, query):
    same_as_the_page(client, f"/producers/{query}", f"/api/v1/producers/{query}")


@pytest.mark.parametrize("query", PRODUCT_QUERIES)
def test_products_are_the_directory_of_products(client, directory, query):
    separator = "&" if query else "?"
    same_as_the_page(
        client, f"/producers/{query}{separator}view=products", f"/api/v1/products/{query}"
    )


def test_only_public_records_are_listed_or_served(client, directory):
    producers = {row["name"] for row in client.get("/api/v1/producers/").json()["results"]}
    products = {row["name"] for row in client.get("/api/v1/products/").json()["results"]}
    assert producers == PUBLIC_PRODUCERS
    assert products == PUBLIC_PRODUCTS
    hidden = Producer.objects.exclude(name__in=PUBLIC_PRODUCERS)
    assert hidden.exists()
    for producer in hidden:
        assert client.get(f"/api/v1/producers/{producer.pk}/").status_code == 404
    for product in (directory["refused"], directory["submitted"]):
        assert client.get(f"/api/v1/products/{product.pk}/").status_code == 404


def test_the_owner_and_the_consent_are_never_serialised(client, directory):
    apiary = directory["apiary"]
    text = client.get(f"/api/v1/producers/{apiary.pk}/").content.decode()
    assert apiary.name in text
    for private in ("owner", apiary.owner.email, apiary.owner.username, "consent", "status"):
        assert private not in text


def test_a_product_links_its_producer(client, directory):
    product = directory["cheese_product"]
    data = client.get(f"/api/v1/products/{product.pk}/").json()
    assert data["producer"]["name"] == "Сыроварня «Ёлки»"
    assert data["producer"]["url"].endswith(f"/producers/{product.producer.slug}/")
    assert data["months"] == [5, 6, 7]
    assert data["category"] == {"slug": "cheese", "name": "Сыры"}
