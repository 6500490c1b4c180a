"""Purging a proxy or CDN in front of the portal, on the same writes that out-date kept pages.

Only when a proxy may keep public pages (PAGE_CACHE_PROXY_MAX_AGE > 0) and Wagtail's front-end
cache invalidation is configured (WAGTAILFRONTENDCACHE, docs/page-cache.md). The address of each
kept page is noted under every table it read; when a table's token is replaced, the addresses
noted under it are purged by the worker (`purge_urls`): a request never waits for the proxy.

Notes are read, changed and written back without a lock: two pages kept at the same instant may
lose one address, which the proxy then keeps for at most PAGE_CACHE_PROXY_MAX_AGE seconds.
"""

import logging
import socket

from django.conf import settings
from django_tasks import task

URLS_PREFIX = "urls:"
# Seconds the worker waits for the proxy at each step of a purge request.
PURGE_TIMEOUT = 10

logger = logging.getLogger(__name__)


def enabled() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None)) and (
        settings.PAGE_CACHE_PROXY_MAX_AGE > 0
    )


def note(store, url, tables) -> None:
    """Remember that the page at `url` (absolute) read `tables`."""
    for table in tables:
        key = URLS_PREFIX + table
        urls = store.get(key) or set()
        if url not in urls:
            store.set(key, urls | {url}, None)


def purge_after(store, tables) -> None:
    """Queue a purge of every address noted under `tables`, and forget them."""
    found = store.get_many([URLS_PREFIX + table for table in tables])
    urls = set().union(*found.values())
    if urls:
        store.delete_many(list(found))
        purge_urls.enqueue(sorted(urls))


@task(backend="scheduled")
def purge_urls(urls):
    from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task

    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(PURGE_TIMEOUT)  # Wagtail's HTTP backend sets none of its own
    try:
        purge_urls_from_cache_task.call(urls)
    finally:
        socket.setdefaulttimeout(previous)
