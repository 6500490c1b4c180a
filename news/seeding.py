"""Fast creation of many news items, for query-count tests and benchmarks.

Page.add_child costs several queries per page; at 10,000 items that is minutes. Here the tree rows
are written with bulk_create (paths computed as treebeard does) and the NewsPage rows with one
plain insert each, so 10,000 items take seconds. The pages are live but have no revisions and are
not in the search index: this is load, not content.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from news.models import NewsPage
from news.views import SIDEBAR_CACHE_KEY

BATCH_SIZE = 1000


@transaction.atomic
def bulk_create_news(index_page, count, start_date=None):
    """Add `count` live news items under index_page, one a day going back from start_date."""
    index_page = Page.objects.get(pk=index_page.pk)
    content_type = ContentType.objects.get_for_model(NewsPage)
    start_date = start_date or timezone.localdate()
    now = timezone.now()
    first_position = index_page.numchild + 1
    existing = index_page.get_children().count()
    pages = []
    for offset in range(count):
        number = existing + offset + 1
        slug = f"news-load-{number}"
        pages.append(
            Page(
                title=f"Новость № {number}",
                draft_title=f"Новость № {number}",
                slug=slug,
                content_type=content_type,
                path=Page._get_path(index_page.path, index_page.depth + 1, first_position + offset),
                depth=index_page.depth + 1,
                numchild=0,
                url_path=f"{index_page.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale_id=index_page.locale_id,
            )
        )
    created = Page.objects.bulk_create(pages, batch_size=BATCH_SIZE)
    if not all(page.pk for page in created):
        # Databases that do not return ids from bulk inserts: read them back by path.
        paths = [page.path for page in pages]
        by_path = dict(Page.objects.filter(path__in=paths).values_list("path", "pk"))
        for page in created:
            page.pk = by_path[page.path]
    for offset, page in enumerate(created):
        news = NewsPage(
            page_ptr_id=page.pk,
            date=start_date - datetime.timedelta(days=offset),
            lead=f"Краткое содержание новости № {page.title.rsplit(' ', 1)[-1]}.",
            body=[],
        )
        # raw=True writes only NewsPage's own table; the Page row exists already.
        news.save_base(raw=True)
    Page.objects.filter(pk=index_page.pk).update(numchild=index_page.numchild + count)
    cache.delete(SIDEBAR_CACHE_KEY)  # no save signals fire for bulk inserts
    return len(created)
