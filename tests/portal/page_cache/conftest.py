import pytest


def with_site_settings(home):
    """The site's settings made before the first visit: Wagtail creates them on first read, a
    write that would keep that page out of the cache."""
    from portal.models import MainMenu, SiteSettings

    SiteSettings.for_site(home.get_site())
    MainMenu.for_site(home.get_site())
    return home


@pytest.fixture
def site(transactional_db, page_cache):
    from tests.factories import build_site

    return build_site()


@pytest.fixture
def home(site):
    home, _news_index = site
    return with_site_settings(home)
