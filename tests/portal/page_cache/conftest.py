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


@pytest.fixture
def home(site):
    from portal.models import MainMenu, SiteSettings

    home, _news_index = site
    # Wagtail creates a site's settings on first read: a write that would keep the first page out.
    SiteSettings.for_site(home.get_site())
    MainMenu.for_site(home.get_site())
    return home
