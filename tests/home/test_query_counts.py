"""The home page uses the same number of SQL queries whatever the amount of news and facilities."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.calendar_pages.factories import CalendarIndexPageFactory, FacilityFactory
from tests.factories import ImageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

SMALL, LARGE = 3, 30
MAX_QUERIES = 15


def count_queries(client, url):
    client.get(url)  # warm caches shared by every request (site root paths, renditions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def add_content(news_index, count, prefix):
    for number in range(count):
        NewsPageFactory(
            parent=news_index,
            title=f"{prefix} {number}",
            main_image=ImageFactory(),
            tags=["Экология"],
        )
        FacilityFactory(
            name=f"{prefix} {number}",
            planned_on=datetime.date(2099, 1, 1) + datetime.timedelta(days=number),
        )


def test_home_page_uses_the_same_queries_at_3_and_30_news_and_facilities(client, home, news_index):
    CalendarIndexPageFactory(parent=home)
    add_content(news_index, SMALL, "Мало")
    small = count_queries(client, "/")
    add_content(news_index, LARGE - SMALL, "Много")
    large = count_queries(client, "/")
    assert small == large
    assert large <= MAX_QUERIES


def test_upcoming_facilities_link_to_their_calendar_pages(client, home):
    calendar = CalendarIndexPageFactory(parent=home)
    facility = FacilityFactory(planned_on=datetime.date(2099, 1, 1))
    html = client.get("/").content.decode()
    assert f'href="{calendar.facility_url(facility.slug)}"' in html
    assert calendar.facility_url(facility.slug) == facility.get_absolute_url()
