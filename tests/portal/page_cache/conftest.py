import pytest
from django.core.cache import caches

from portal.page_cache.tables import CACHE_ALIAS


@pytest.fixture
def page_cache(settings):
    """The page cache on, and empty. Its tests commit (transactional database): a table's token
    changes only when a write commits, as in production."""
    settings.PAGE_CACHE_ENABLED = True
    caches[CACHE_ALIAS].clear()
    yield caches[CACHE_ALIAS]
    caches[CACHE_ALIAS].clear()


@pytest.fixture
def site(transactional_db, page_cache):
    from tests.factories import build_site

    return build_site()
