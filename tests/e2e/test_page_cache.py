"""Every public page type of the demo site is kept by the page cache, and none writes while read.

A page view that writes to the database is not kept ("pass"), so a page that wrote on every view
would render from the database for every visitor. Each address is fetched anonymously from the
live server: the first answer is a miss (rendered and kept) and the next a hit. The one write
allowed on a read is Wagtail's: the first view of an image at a new size creates its rendition;
such a view is a "pass", and the next one is kept.
"""

import urllib.request

import pytest
from wagtail.images import get_image_model

from calendar_pages.models import CalendarIndexPage
from portal.page_cache.middleware import STATUS_HEADER
from tests.e2e.test_every_page_type import public_pages

pytestmark = pytest.mark.e2e

Rendition = get_image_model().get_rendition_model()
# Not kept: a 404, pages under /accounts/ (PRIVATE_PREFIXES of portal.page_cache.middleware), and
# pages that answer `private, no-store` because they are a person's: the volunteer programme's
# page (the form or one's application) and an event sign-up's cancellation page (its secret link).
NOT_KEPT = {
    "not-found",
    "login",
    "signup",
    "password-reset",
    "goodbye",
    "volunteers",
    "signup-cancel",
}


def feeds_and_files():
    calendar = CalendarIndexPage.objects.live().first()
    return {
        "news-feed": "/news/feed/",
        "calendar-ics": f"{calendar.url}feed.ics",
        "calendar-csv": f"{calendar.url}export.csv",
        "sitemap": "/sitemap.xml",
    }


def cache_status(base_url, path):
    request = urllib.request.Request(base_url + urllib.parse.quote(path, safe="/?=&"))
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (the live server)
        return response.headers.get(STATUS_HEADER)


def test_every_public_page_is_kept_and_served_from_the_cache(demo_site):
    pages = {
        name: path for name, path in public_pages().items() if name not in NOT_KEPT
    } | feeds_and_files()
    seen = {}
    for name, path in pages.items():
        renditions = Rendition.objects.count()
        first = cache_status(demo_site, path)
        if first == "pass" and Rendition.objects.count() > renditions:
            first = cache_status(demo_site, path)
        seen[name] = (first, cache_status(demo_site, path))
    assert seen == {name: ("miss", "hit") for name in pages}
