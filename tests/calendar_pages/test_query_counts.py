"""The number of SQL queries of a calendar page does not grow with the number of facilities."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from calendar_pages.models import Facility
from tests.calendar_pages.factories import CityEventFactory, FacilityFactory, bulk_create_facilities

pytestmark = pytest.mark.django_db

SMALL, LARGE = 40, 4_000
URLS = [
    "/calendar/",
    "/calendar/?district=adlersky&page=3",
    "/calendar/?year=2026&type=school",
    "/calendar/?view=grid&month=2026-11",
    "/calendar/?view=grid&month=2026-11&district=central",
    "/calendar/feed.ics?month=2026-11",
    "/calendar/export.csv?year=2026",
]


def count_queries(client, url):
    client.get(url)  # warm caches shared by every request (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@time_machine.travel(datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC), tick=False)
def test_calendar_uses_the_same_queries_at_40_and_4000_facilities(
    client, calendar_page, admin_user
):
    replanned = FacilityFactory(planned_on_original=datetime.date(2026, 11, 5))
    replanned.replan(datetime.date(2026, 11, 25), "Перенос", by=admin_user)
    CityEventFactory()
    bulk_create_facilities(SMALL - 1, first_day=datetime.date(2026, 1, 1), prefix="small")
    small = {url: count_queries(client, url) for url in URLS}
    bulk_create_facilities(LARGE - SMALL, first_day=datetime.date(2015, 1, 1), prefix="large")
    assert Facility.objects.count() == LARGE
    large = {url: count_queries(client, url) for url in URLS}
    assert small == large
    assert max(large.values()) <= 15, large


def test_facility_page_queries_are_bounded(
    client, calendar_page, admin_user, django_assert_max_num_queries
):
    facility = FacilityFactory()
    for number in range(5):
        facility.replan(datetime.date(2027, 1, 1 + number), f"Перенос {number}", by=admin_user)
    url = f"/calendar/facilities/{facility.slug}/"
    client.get(url)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
