import shutil

import pytest

from tests.factories import build_site


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes its uploads and renditions to a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    yield settings.MEDIA_ROOT
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def site_tree(db):
    """(home, news_index) with the home page as the default site's root."""
    return build_site()


@pytest.fixture
def home(site_tree):
    return site_tree[0]


@pytest.fixture
def news_index(site_tree):
    return site_tree[1]


@pytest.fixture(autouse=True)
def empty_cache():
    """The in-memory cache outlives a test; each test starts with it empty."""
    from django.core.cache import cache

    cache.clear()
