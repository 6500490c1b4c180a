"""/api/v1/facilities/: the calendar's list, and each facility's dates and replanning history."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from tests.calendar_pages.catalog_facilities import make_catalog_facilities
from tests.calendar_pages.factories import CalendarIndexPageFactory, FacilityFactory

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "?district=adlersky",
    "?type=school&status=delayed",
    "?month=2026-11",
    "?year=2027",
    "?when=past",
]


@pytest.fixture
def calendar(home):
    page = CalendarIndexPageFactory(parent=home)
    make_catalog_facilities()
    return page


@pytest.mark.parametrize("query", QUERIES)
def test_the_list_is_the_calendar_list(client, calendar, query):
    page = client.get(f"/calendar/{query}")
    api = client.get(f"/api/v1/facilities/{query}")
    assert page.status_code == api.status_code == 200
    data = api.json()
    html = page.context["facilities_page"]
    assert data["count"] == html.paginator.count
    assert [row["id"] for row in data["results"]] == [facility.pk for facility in html.object_list]


def test_the_facet_counts_add_up_to_the_total(client, calendar):
    data = client.get("/api/v1/facilities/?district=adlersky").json()
    assert data["count"] == 3
    counts = {option["value"]: option["count"] for option in data["facets"]["type"]}
    assert {value: count for value, count in counts.items() if count} == {
        "school": 1,
        "kindergarten": 1,
        "road": 1,
    }


def test_a_facility_carries_its_replanning_history_but_not_who_recorded_it(client, calendar):
    officer = get_user_model().objects.create_user("officer", "officer@sochi.example", "x")
    facility = FacilityFactory(
        name="Школа в Хосте", planned_on_original=datetime.date(2026, 9, 1), contractor="ООО Строй"
    )
    facility.replan(datetime.date(2026, 12, 20), "Перенос поставки оборудования", by=officer)
    data = client.get(f"/api/v1/facilities/{facility.pk}/").json()
    assert data["url"] == f"http://testserver{calendar.url}facilities/{facility.slug}/"
    assert data["planned_on_original"] == "2026-09-01"
    assert data["planned_on"] == "2026-12-20"
    assert data["contractor"] == "ООО Строй"
    (replan,) = data["replans"]
    assert replan["previous_planned_on"] == "2026-09-01"
    assert replan["reason"] == "Перенос поставки оборудования"
    text = client.get(f"/api/v1/facilities/{facility.pk}/").content.decode()
    assert "officer" not in text and "recorded_by" not in text


def test_an_unknown_facility_is_404_in_json(client, calendar):
    response = client.get("/api/v1/facilities/999999/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_refused_filters_answer_400_with_the_reasons(client, calendar):
    response = client.get("/api/v1/facilities/?month=2026-13")
    assert response.status_code == 400
    assert response.json()["errors"]
