"""Many news items at once, for query-count tests and benchmarks (see portal.demo.seeding)."""

import datetime

from django.core.cache import cache
from django.utils import timezone

from news.models import NewsPage
from news.views.public import SIDEBAR_CACHE_KEY
from portal.demo.seeding import bulk_add_pages


def bulk_create_news(index_page, count, start_date=None):
    """Add `count` live news items under index_page, one a day going back from start_date."""
    start_date = start_date or timezone.localdate()
    first = index_page.get_children().count() + 1
    rows = [
        {
            "title": f"Новость № {number}",
            "slug": f"news-load-{number}",
            "date": start_date - datetime.timedelta(days=offset),
            "lead": f"Краткое содержание новости № {number}.",
            "body": [],
        }
        for offset, number in enumerate(range(first, first + count))
    ]
    pages = bulk_add_pages(index_page, NewsPage, rows)
    cache.delete(SIDEBAR_CACHE_KEY)  # no save signals fire for bulk inserts
    return len(pages)
