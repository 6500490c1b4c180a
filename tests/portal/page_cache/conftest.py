import pytest


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
