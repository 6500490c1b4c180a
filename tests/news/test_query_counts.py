"""The number of SQL queries for a page must not grow with the number of news items."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.demo.seeding import bulk_create_news
from tests.factories import ImageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

SMALL, LARGE = 100, 10_000
# The ceiling for every public page, at any data size.
MAX_QUERIES = 15
PAGES = ["/", "/news/", "/news/?tag=ekologiia", "/news/?year=2026", "/news/?page=3"]


def count_queries(client, url):
    client.get(url)  # warm caches shared by every request (site root paths, renditions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def news_with_images(news_index):
    """A few real items with images and topics, so lists render everything they can."""
    for number in range(3):
        NewsPageFactory(
            parent=news_index,
            title=f"С картинкой {number}",
            main_image=ImageFactory(),
            tags=["Экология", "Благоустройство"],
        )
    return news_index


def test_list_pages_use_the_same_queries_at_100_and_10000_items(client, news_with_images):
    # Load items are older than the real ones, so each page shows the same kind of items.
    oldest_real = datetime.date(2025, 12, 31)
    bulk_create_news(news_with_images, SMALL, start_date=oldest_real)
    small = {url: count_queries(client, url) for url in PAGES}
    bulk_create_news(
        news_with_images, LARGE - SMALL, start_date=oldest_real - datetime.timedelta(days=SMALL)
    )
    large = {url: count_queries(client, url) for url in PAGES}
    assert small == large
    assert max(large.values()) <= MAX_QUERIES, large


def test_news_item_page_queries_are_bounded(client, django_assert_max_num_queries, news_index):
    item = NewsPageFactory(
        parent=news_index, main_image=ImageFactory(), tags=["Экология", "Образование"]
    )
    client.get(item.url)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(item.url).status_code == 200


def test_search_page_queries_are_bounded(client, django_assert_max_num_queries, news_index):
    for number in range(30):
        NewsPageFactory(parent=news_index, title=f"Парк {number}")
    client.get("/search/?q=парк")
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get("/search/?q=парк").status_code == 200
