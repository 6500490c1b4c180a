"""The calendar's demo content: replaces the placeholder section page and is idempotent."""

import pytest

from calendar_pages.demo.loader import load_demo
from calendar_pages.models import (
    CalendarIndexPage,
    CityEvent,
    District,
    Facility,
    FacilityReplan,
    Lateness,
    lateness_of,
)
from home.models import StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_demo_replaces_the_placeholder_and_runs_twice_without_duplicates(home, client):
    StandardPageFactory(parent=home, title="Календарь ввода объектов", slug="calendar")
    notes = []
    load_demo(home, notes.append)
    assert not StandardPage.objects.filter(slug="calendar").exists()
    page = CalendarIndexPage.objects.get()
    assert page.live and page.url == "/calendar/"
    facilities = Facility.objects.count()
    assert 35 <= facilities <= 45
    assert {f.district for f in Facility.objects.all()} == set(District.values)
    assert Facility.objects.filter(planned_on_original__year=2023).count() >= 5
    assert FacilityReplan.objects.count() >= 5
    assert 8 <= CityEvent.objects.count() <= 12
    assert len(notes) == 1 + facilities + CityEvent.objects.count()

    again = []
    load_demo(home, again.append)
    assert again == []
    assert Facility.objects.count() == facilities
    assert CalendarIndexPage.objects.get().pk == page.pk
    assert client.get("/calendar/").status_code == 200


def test_demo_has_every_kind_of_flag_on_the_demo_day(home):
    import datetime

    load_demo(home, lambda text: None)
    today = datetime.date(2026, 11, 26)
    flags = {
        lateness_of(f, today=today) for f in Facility.objects.filter(planned_on__year__gte=2026)
    }
    assert flags == set(Lateness)
    for facility in Facility.objects.all():
        facility.full_clean()
