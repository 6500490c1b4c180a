"""What the calendar shows when: upcoming first, events shown once with their span, titles once."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone, translation

from calendar_pages.agenda import event_runs, format_span, month_days
from calendar_pages.models import CityEvent, Facility, FacilityStatus
from tests.calendar_pages.factories import CityEventFactory, FacilityFactory

TODAY = datetime.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def frozen_today():
    now = datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC)
    with time_machine.travel(now, tick=False), translation.override("ru"):
        yield


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def day(text):
    return datetime.date.fromisoformat(text)


def text_of(html):
    """The span as read, without its <time> tags."""
    return re.sub(r"<[^>]+>", "", str(html))


class TestSpan:
    @pytest.mark.parametrize(
        ("first", "last", "expected"),
        [
            ("2026-12-05", "2026-12-05", "5 декабря"),
            ("2026-12-12", "2026-12-14", "12–14 декабря"),
            ("2026-11-28", "2026-12-03", "28 ноября – 3 декабря"),
            ("2026-12-30", "2027-01-02", "30 декабря 2026 – 2 января 2027"),
            ("2027-01-15", "2027-01-15", "15 января 2027"),
            ("2027-02-27", "2027-03-02", "27 февраля – 2 марта 2027"),
        ],
    )
    def test_dates_read_the_russian_way_with_the_year_only_when_not_this_one(
        self, first, last, expected
    ):
        assert text_of(format_span(day(first), day(last))) == expected

    def test_each_end_is_a_machine_readable_date_and_hours_follow(self):
        html = str(format_span(day("2026-12-12"), day("2026-12-14"), "11:00–21:00"))
        assert html == (
            '<time datetime="2026-12-12">12</time>–'
            '<time datetime="2026-12-14">14 декабря</time>, 11:00–21:00'
        )


@pytest.mark.django_db
class TestEventRuns:
    def fair_days(self, *days, title="Новогодняя ярмарка на Навагинской", opens=11, closes=21):
        return [
            CityEventFactory(title=title, starts_at=at(day(d), opens), ends_at=at(day(d), closes))
            for d in days
        ]

    def test_the_same_event_on_consecutive_days_is_one_run_with_its_hours(self):
        self.fair_days("2026-12-12", "2026-12-13", "2026-12-14")
        (run,) = event_runs(CityEvent.objects.all())
        assert (run.first_day, run.last_day) == (day("2026-12-12"), day("2026-12-14"))
        assert run.is_multi_day
        assert text_of(run.date_span) == "12–14 декабря, 11:00–21:00"

    def test_a_gap_of_a_day_starts_a_new_run(self):
        self.fair_days("2026-12-05", "2026-12-06", "2026-12-12", "2026-12-13")
        runs = event_runs(CityEvent.objects.all())
        assert [text_of(run.date_span) for run in runs] == [
            "5–6 декабря, 11:00–21:00",
            "12–13 декабря, 11:00–21:00",
        ]

    def test_different_events_on_the_same_days_stay_apart(self):
        self.fair_days("2026-12-05", "2026-12-06")
        self.fair_days("2026-12-05", "2026-12-06", title="Мандариновая ярмарка")
        runs = event_runs(CityEvent.objects.all())
        assert sorted(run.display_title for run in runs) == [
            "Мандариновая ярмарка",
            "Новогодняя ярмарка на Навагинской",
        ]

    def test_an_event_over_several_days_shows_its_dates_without_hours(self):
        event = CityEventFactory(
            starts_at=at(day("2026-12-19"), 10), ends_at=at(day("2026-12-29"), 18)
        )
        (run,) = event_runs([event])
        assert text_of(run.date_span) == "19–29 декабря"
        assert text_of(event.date_span) == "19–29 декабря"

    def test_a_one_day_event_shows_its_day_and_hours(self):
        event = CityEventFactory(
            starts_at=at(day("2026-12-05"), 11), ends_at=at(day("2026-12-05"), 16)
        )
        assert text_of(event.date_span) == "5 декабря, 11:00–16:00"
        event.ends_at = None
        assert text_of(event.date_span) == "5 декабря, 11:00"

    def test_month_days_put_a_run_once_on_its_first_day_in_the_month(self):
        self.fair_days("2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02")
        runs = event_runs(CityEvent.objects.all())
        days = month_days(day("2026-12-01"), [], runs, today=TODAY)
        assert len(days) == 31
        assert [d.date.day for d in days if d.events] == [1]
        assert text_of(days[0].events[0].date_span) == "29 ноября – 2 декабря, 11:00–21:00"


class TestDisplayTitle:
    @pytest.mark.parametrize(
        ("title", "shown"),
        [
            ("Фермерский дворик: Фермерский дворик в Дагомысе", "Фермерский дворик в Дагомысе"),
            (
                "Ярмарка выходного дня: ярмарка выходного дня у Морвокзала",
                "ярмарка выходного дня у Морвокзала",
            ),
            ("Сезонная ярмарка: Мандариновая ярмарка", "Сезонная ярмарка: Мандариновая ярмарка"),
            (
                "Конкурс «Лучший орган ТОС»: приём заявок",
                "Конкурс «Лучший орган ТОС»: приём заявок",
            ),
        ],
    )
    def test_a_kind_that_the_name_repeats_is_said_once(self, title, shown):
        assert CityEvent(title=title).display_title == shown


@pytest.mark.django_db
class TestUpcomingFirst:
    @pytest.fixture
    def facilities(self):
        def facility(name, planned, commissioned=None):
            return FacilityFactory(
                name=name,
                planned_on_original=day(planned),
                commissioned_on=commissioned and day(commissioned),
                status=FacilityStatus.COMMISSIONED if commissioned else FacilityStatus.PLANNED,
            )

        return [
            facility("Амбулатория 2023", "2023-06-01", commissioned="2023-09-01"),
            facility("Школа в ноябре", "2026-11-10", commissioned="2026-11-09"),
            facility("Парк с опозданием", "2026-11-20"),
            facility("Сквер сегодня", "2026-11-26"),
            facility("Дорога в декабре", "2026-12-20"),
            facility("Стадион 2027", "2027-03-31"),
        ]

    def names(self, queryset):
        return [facility.name for facility in queryset]

    def test_nearest_upcoming_first_then_the_past_latest_first(self, facilities):
        assert self.names(Facility.objects.for_calendar().upcoming_first()) == [
            "Сквер сегодня",
            "Дорога в декабре",
            "Стадион 2027",
            "Парк с опозданием",
            "Школа в ноябре",
            "Амбулатория 2023",
        ]

    def test_upcoming_and_past_split_at_today(self, facilities):
        calendar = Facility.objects.for_calendar()
        assert self.names(calendar.upcoming()) == [
            "Сквер сегодня",
            "Дорога в декабре",
            "Стадион 2027",
        ]
        assert self.names(calendar.past()) == [
            "Амбулатория 2023",
            "Школа в ноябре",
            "Парк с опозданием",
        ]

    def test_years_are_those_of_the_calendar_dates(self, facilities):
        assert Facility.objects.years() == [2023, 2026, 2027]
