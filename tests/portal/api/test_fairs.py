"""/api/v1/fairs/: the fair list's fairs and filter, each fair's schedule and coming days with
only the published producers trading on them, as the fair's page lists them."""

import datetime

import pytest
import time_machine

from portal.bitsets import mask_of
from producers.models import ModerationStatus
from tests.producers.factories import (
    CategoryFactory,
    FairDayFactory,
    FairFactory,
    FairScheduleFactory,
    ProducerFactory,
    ProducerIndexPageFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC)
FAIR_KEYS = {
    "id",
    "url",
    "name",
    "slug",
    "fair_format",
    "district",
    "address",
    "organiser",
    "phone",
    "email",
    "trading_places",
    "description",
    "schedule",
    "next_date",
    "updated_at",
}


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def section(home):
    return ProducerIndexPageFactory(parent=home)


@pytest.fixture
def fairs(section, settings):
    settings.PORTAL_PAGE_SIZE = 3
    districts = ["central", "adlersky", "khostinsky"]
    return [
        FairFactory(name=f"Ярмарка {number:02}", district=districts[number % 3])
        for number in range(8)
    ]


@pytest.mark.parametrize("query", ["", "?district=adlersky", "?page=2", "?district=central&page=2"])
def test_the_list_is_the_fair_list(client, fairs, query):
    page = client.get(f"/producers/fairs/{query}")
    api = client.get(f"/api/v1/fairs/{query}")
    assert page.status_code == api.status_code == 200
    data = api.json()
    html = page.context["fairs_page"]
    assert data["count"] == html.paginator.count
    assert [row["id"] for row in data["results"]] == [fair.pk for fair in html.object_list]


def test_an_unknown_district_is_refused_in_russian_on_the_page_and_in_the_api(client, fairs):
    assert client.get("/producers/fairs/?district=moon").status_code == 400
    response = client.get("/api/v1/fairs/?district=moon")
    assert response.status_code == 400
    assert response.json() == {"errors": ["Неизвестный район: выберите район из списка."]}


def test_a_fair_carries_its_schedule_next_day_and_only_published_traders(client, section):
    fair = FairFactory(name="Фермерский дворик", phone="+78622640000", email="fair@sochi.example")
    FairScheduleFactory(fair=fair, weekdays=mask_of([3, 6]))
    past = FairDayFactory(fair=fair, date=datetime.date(2026, 11, 21))
    day = FairDayFactory(fair=fair, date=datetime.date(2026, 11, 28))
    honey = CategoryFactory(slug="med", name="Мёд")
    trading = ProducerFactory(name="Пасека Гулиевых", categories=[honey])
    withdrawn = ProducerFactory(name="Снятый с публикации")
    day.add_producer(trading)
    day.add_producer(withdrawn)
    type(withdrawn).objects.filter(pk=withdrawn.pk).update(
        is_live=False, status=ModerationStatus.REFUSED
    )
    (row,) = client.get("/api/v1/fairs/").json()["results"]
    assert set(row) == FAIR_KEYS
    assert row["next_date"] == "2026-11-28"
    assert row["schedule"] == [
        {
            "weekdays": [3, 6],
            "days": "по средам и субботам",
            "opens_at": "08:00:00",
            "closes_at": "15:00:00",
            "season_from": 1,
            "season_until": 12,
        }
    ]
    assert row["url"] == f"http://testserver{section.url}fairs/{fair.slug}/"
    data = client.get(f"/api/v1/fairs/{fair.pk}/").json()
    assert set(data) == FAIR_KEYS | {"days"}
    assert [d["date"] for d in data["days"]] == ["2026-11-28"]
    assert past.date.isoformat() not in str(data["days"])
    (producer,) = data["days"][0]["producers"]
    assert producer == {
        "id": trading.pk,
        "name": "Пасека Гулиевых",
        "url": f"http://testserver{section.url}{trading.slug}/",
        "categories": [{"slug": "med", "name": "Мёд"}],
    }
    text = client.get(f"/api/v1/fairs/{fair.pk}/").content.decode()
    for private in ("Снятый", "owner", trading.owner.email, "inn", "latitude"):
        assert private not in text


def test_a_fair_is_dated_by_its_latest_change_or_roster_entry(client, section):
    fair = FairFactory()
    day = FairDayFactory(fair=fair, date=datetime.date(2026, 11, 28))
    with time_machine.travel(TODAY + datetime.timedelta(hours=1), tick=False):
        day.add_producer(ProducerFactory())
    response = client.get(f"/api/v1/fairs/{fair.pk}/")
    assert response["Last-Modified"] == "Thu, 26 Nov 2026 13:00:00 GMT"
    again = client.get(
        f"/api/v1/fairs/{fair.pk}/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]
    )
    assert again.status_code == 304


def test_without_the_section_page_there_are_no_fairs(client, home):
    fair = FairFactory()
    assert client.get("/api/v1/fairs/").json()["count"] == 0
    assert client.get(f"/api/v1/fairs/{fair.pk}/").status_code == 404
