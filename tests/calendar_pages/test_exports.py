"""The calendar as files: the iCalendar feed and the CSV export honour the page's filters."""

import csv
import datetime
import io

import icalendar
import pytest
import time_machine

from calendar_pages.exports import CSV_DELIMITER
from calendar_pages.models import District, FacilityStatus
from tests.calendar_pages.factories import CityEventFactory, FacilityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def facilities(calendar_page, admin_user):
    school = FacilityFactory(
        name="Школа на Макаренко",
        district=District.CENTRAL,
        planned_on_original=datetime.date(2026, 9, 1),
        commissioned_on=datetime.date(2026, 8, 28),
        status=FacilityStatus.COMMISSIONED,
        progress=100,
        budget="1250000.50",
    )
    park = FacilityFactory(
        name="Парк «Южные культуры»",
        district=District.ADLERSKY,
        planned_on_original=datetime.date(2026, 12, 1),
    )
    park.replan(datetime.date(2027, 1, 20), "Перенос поставки", by=admin_user)
    event = CityEventFactory(title="Ярмарка в Адлере")
    return school, park, event


def parse_ical(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


class TestIcalFeed:
    def test_one_all_day_event_per_facility_and_one_per_city_event(self, client, facilities):
        school, park, event = facilities
        events = vevents(parse_ical(client.get("/calendar/feed.ics")))
        assert len(events) == 3
        school_event = next(e for s, e in events.items() if s.startswith("Школа на Макаренко"))
        assert school_event.decoded("DTSTART") == datetime.date(2026, 8, 28)
        assert school_event.decoded("DTEND") == datetime.date(2026, 8, 29)
        park_event = next(e for s, e in events.items() if s.startswith("Парк"))
        assert park_event.decoded("DTSTART") == datetime.date(2027, 1, 20)  # current plan
        assert str(park_event["URL"]).endswith(f"/calendar/facilities/{park.slug}/")
        fair = events["Ярмарка в Адлере"]
        assert fair.decoded("DTSTART") == event.starts_at

    def test_uids_are_stable_between_requests(self, client, facilities):
        first = [str(e["UID"]) for e in parse_ical(client.get("/calendar/feed.ics")).walk("VEVENT")]
        again = [str(e["UID"]) for e in parse_ical(client.get("/calendar/feed.ics")).walk("VEVENT")]
        assert first == again and len(set(first)) == 3
        assert f"facility-{facilities[0].pk}@calendar.sochi-portal" in first

    def test_honours_the_filters(self, client, facilities):
        events = vevents(parse_ical(client.get("/calendar/feed.ics?district=adlersky")))
        assert [summary.split(" (")[0] for summary in events] == ["Парк «Южные культуры»"]
        events = vevents(parse_ical(client.get("/calendar/feed.ics?month=2026-11")))
        assert list(events) == ["Ярмарка в Адлере"]

    def test_trailing_slash_works_too(self, client, facilities):
        assert client.get("/calendar/feed.ics/").status_code == 200

    def test_bad_filter_is_400_in_plain_text(self, client, facilities):
        response = client.get("/calendar/feed.ics?month=2023-13")
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/plain")


class TestCsvExport:
    def rows(self, response):
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        raw = response.content
        assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
        return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=CSV_DELIMITER))

    def test_exports_every_filtered_facility_with_headers(self, client, facilities, settings):
        settings.PORTAL_PAGE_SIZE = 1  # the export is not paginated
        header, *rows = self.rows(client.get("/calendar/export.csv"))
        assert len(header) == 16
        assert [row[0] for row in rows] == ["Школа на Макаренко", "Парк «Южные культуры»"]
        school = rows[0]
        assert school[4] == "01.09.2026" and school[7] == "28.08.2026"
        assert school[14] == "1250000,50"
        assert school[15].endswith(f"/calendar/facilities/{facilities[0].slug}/")
        park = rows[1]
        assert (park[4], park[5]) == ("01.12.2026", "20.01.2027")

    def test_exports_only_the_filtered_rows(self, client, facilities):
        _header, *rows = self.rows(client.get("/calendar/export.csv?district=central&year=2026"))
        assert [row[0] for row in rows] == ["Школа на Макаренко"]
        _header, *rows = self.rows(client.get("/calendar/export.csv?type=road"))
        assert rows == []

    def test_bad_filter_is_400(self, client, facilities):
        assert client.get("/calendar/export.csv?district=sirius").status_code == 400

    def test_page_links_the_files_with_the_current_filters(self, client, facilities):
        html = client.get("/calendar/?district=adlersky&page=1").content.decode()
        assert 'href="/calendar/feed.ics?district=adlersky"' in html
        assert 'href="/calendar/export.csv?district=adlersky"' in html


def test_csv_export_neutralises_formula_cells(client, calendar_page):
    FacilityFactory(name='=HYPERLINK("http://evil.example","Смета")', contractor="@SUM(1+1)")
    body = client.get("/calendar/export.csv").content.decode("utf-8-sig")
    _header, row = list(csv.reader(io.StringIO(body), delimiter=CSV_DELIMITER))
    assert row[0] == '\'=HYPERLINK("http://evil.example","Смета")'
    assert row[13] == "'@SUM(1+1)"
