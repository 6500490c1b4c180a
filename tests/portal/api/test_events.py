"""/api/v1/events/: the city events the calendar shows, by its dates and by category."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from calendar_pages.models import EventCategory
from tests.calendar_pages.factories import CalendarIndexPageFactory, CityEventFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC)
KEYS = {
    "id",
    "title",
    "display_title",
    "category",
    "place",
    "starts_at",
    "ends_at",
    "description",
    "url",
    "updated_at",
}
SAME_AS_THE_CALENDAR = [
    "?month=2026-11",
    "?month=2026-12",
    "?year=2026",
    "?year=2027",
    "?month=2026-11&when=upcoming",
    "?year=2026&when=past",
    "?month=2026-12&year=2026",
]


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def events(home):
    CalendarIndexPageFactory(parent=home)
    with time_machine.travel(NOW, tick=False):
        made = []
        for number in range(30):
            day = datetime.date(2026, 10, 20) + datetime.timedelta(days=5 * number)
            made.append(
                CityEventFactory(
                    title=f"Событие {number}",
                    category=list(EventCategory)[number % len(EventCategory)],
                    starts_at=at(day),
                    ends_at=at(day + datetime.timedelta(days=number % 3), 18),
                )
            )
        yield made


@pytest.mark.parametrize("query", SAME_AS_THE_CALENDAR)
def test_a_period_lists_the_events_the_calendar_shows(client, events, query, settings):
    settings.PORTAL_PAGE_SIZE = 100
    with time_machine.travel(NOW, tick=False):
        page = client.get(f"/calendar/{query}")
        api = client.get(f"/api/v1/events/{query}")
    assert page.status_code == api.status_code == 200
    shown = sorted(event.pk for run in page.context["events"] for event in run.events)
    assert shown, query
    assert sorted(row["id"] for row in api.json()["results"]) == shown


def test_events_are_listed_in_date_order_and_filtered_by_category(client, events):
    with time_machine.travel(NOW, tick=False):
        data = client.get("/api/v1/events/?category=fair&when=upcoming").json()
    assert data["count"] == len([e for e in events if e.category == "fair" and e.ends_at >= NOW])
    starts = [row["starts_at"] for row in data["results"]]
    assert starts == sorted(starts)
    assert {row["category"]["value"] for row in data["results"]} == {"fair"}


def test_an_event_has_only_its_public_fields(client, home):
    event = CityEventFactory(
        title="Ярмарка выходного дня: Ярмарка выходного дня в Адлере",
        link_url="/producers/fairs/adler/",
    )
    (row,) = client.get("/api/v1/events/").json()["results"]
    assert set(row) == KEYS
    data = client.get(f"/api/v1/events/{event.pk}/").json()
    assert data == row
    assert data["display_title"] == "Ярмарка выходного дня в Адлере"
    assert data["category"] == {"value": "fair", "label": "Ярмарка"}
    assert data["url"] == "http://testserver/producers/fairs/adler/"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?month=2026-13", "Укажите месяц в виде ГГГГ-ММ, например 2026-11."),
        ("?category=concert", "Неизвестная категория события: выберите из списка."),
        ("?when=tomorrow", "Неизвестный выбор дат: выберите предстоящие, прошедшие или все."),
    ],
)
def test_refused_parameters_answer_400_in_russian(client, home, query, message):
    response = client.get(f"/api/v1/events/{query}")
    assert response.status_code == 400
    assert response.json() == {"errors": [message]}


def test_an_event_list_is_dated_by_its_latest_change(client, events):
    response = client.get("/api/v1/events/?month=2026-11")
    assert response["Last-Modified"]
    again = client.get(
        "/api/v1/events/?month=2026-11", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]
    )
    assert again.status_code == 304
    assert client.get("/api/v1/events/999999/").status_code == 404
