"""Fixtures shared by the portal's tests."""

import pytest
from django.core.cache import caches

from portal.page_cache.tables import CACHE_ALIAS


@pytest.fixture
def page_cache(settings):
    """The page cache on, and empty. The tests of its invalidation commit (transactional
    database): a table's token changes only when a write commits, as in production."""
    settings.PAGE_CACHE_ENABLED = True
    caches[CACHE_ALIAS].clear()
    yield caches[CACHE_ALIAS]
    caches[CACHE_ALIAS].clear()
