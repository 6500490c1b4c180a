"""The public calendar: list and month grid with filters, facility pages."""

import datetime
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model

from calendar_pages.models import District, FacilityStatus, FacilityType
from tests.calendar_pages.factories import CityEventFactory, FacilityFactory
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 11, 26, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def facilities(calendar_page):
    return {
        "school": FacilityFactory(
            name="Школа на Виноградной",
            district=District.CENTRAL,
            facility_type=FacilityType.SCHOOL,
            planned_on_original=datetime.date(2026, 11, 10),
            commissioned_on=datetime.date(2026, 11, 9),
            status=FacilityStatus.COMMISSIONED,
            progress=100,
        ),
        "park": FacilityFactory(
            name="Парк в Адлере",
            district=District.ADLERSKY,
            facility_type=FacilityType.PARK,
            planned_on_original=datetime.date(2026, 11, 20),
        ),
        "road": FacilityFactory(
            name="Дорога в Лазаревском",
            district=District.LAZAREVSKY,
            facility_type=FacilityType.ROAD,
            planned_on_original=datetime.date(2026, 12, 20),
        ),
        "clinic": FacilityFactory(
            name="Поликлиника в Хосте",
            district=District.KHOSTINSKY,
            facility_type=FacilityType.HEALTHCARE,
            planned_on_original=datetime.date(2023, 6, 1),
            commissioned_on=datetime.date(2023, 9, 1),
            status=FacilityStatus.COMMISSIONED,
            progress=100,
        ),
    }


NAMES = ["Школа на Виноградной", "Парк в Адлере", "Дорога в Лазаревском", "Поликлиника в Хосте"]


def names_in_order(html):
    return sorted((name for name in NAMES if name in html), key=html.index)


def names_in(response):
    html = response.content.decode()
    names = ["Школа на Виноградной", "Парк в Адлере", "Дорога в Лазаревском", "Поликлиника в Хосте"]
    return {name for name in names if name in html}


class TestPageTree:
    def test_calendar_page_lives_under_home_once_and_has_no_subpages(self, calendar_page, home):
        from calendar_pages.models import CalendarIndexPage

        assert CalendarIndexPage.can_exist_under(home)
        assert not CalendarIndexPage.can_create_at(home)  # max_count = 1, one exists
        assert CalendarIndexPage.allowed_subpage_models() == []
        standard = StandardPageFactory(parent=home)
        assert not CalendarIndexPage.can_exist_under(standard)

    def test_calendar_is_served_at_calendar(self, client, calendar_page):
        assert calendar_page.url == "/calendar/"
        assert client.get("/calendar/").status_code == 200


def first_facility_date(html):
    """The date of the first facility card: the list's first entry."""
    card = html[html.index('class="facility-card"') :]
    return datetime.date.fromisoformat(re.search(r'datetime="([\d-]+)"', card).group(1))


class TestList:
    def test_starts_with_what_opens_next_then_the_past_latest_first(self, client, facilities):
        response = client.get("/calendar/")
        html = response.content.decode()
        assert response.status_code == 200
        assert names_in(response) == {
            "Школа на Виноградной",
            "Парк в Адлере",
            "Дорога в Лазаревском",
            "Поликлиника в Хосте",
        }
        order = [
            "Дорога в Лазаревском",
            "Парк в Адлере",
            "Школа на Виноградной",
            "Поликлиника в Хосте",
        ]
        assert [html.index(name) for name in order] == sorted(html.index(name) for name in order)
        assert html.index("Что откроется в ближайшее время") < html.index("Дорога в Лазаревском")
        assert html.index("Прошедшие даты") < html.index("Парк в Адлере")
        assert 'href="/static/calendar_pages/calendar.css"' in html
        assert "style=" not in html

    def test_list_never_starts_with_a_past_year(self, client, facilities):
        FacilityFactory(name="Старый сквер", planned_on_original=datetime.date(2023, 1, 10))
        first = first_facility_date(client.get("/calendar/").content.decode())
        assert first >= datetime.date(2026, 11, 26)

    def test_past_dates_are_on_later_pages(self, client, facilities, settings):
        settings.PORTAL_PAGE_SIZE = 2
        first = client.get("/calendar/").content.decode()
        assert "Дорога в Лазаревском" in first and "Поликлиника в Хосте" not in first
        last = client.get("/calendar/?page=2").content.decode()
        assert "Поликлиника в Хосте" in last and "Дорога в Лазаревском" not in last

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("when=upcoming", ["Дорога в Лазаревском"]),
            ("when=past", ["Парк в Адлере", "Школа на Виноградной", "Поликлиника в Хосте"]),
            ("when=past&district=khostinsky", ["Поликлиника в Хосте"]),
            ("year=2026", ["Школа на Виноградной", "Парк в Адлере", "Дорога в Лазаревском"]),
        ],
    )
    def test_upcoming_or_past_only_and_a_chosen_year_in_date_order(
        self, client, facilities, query, expected
    ):
        html = client.get(f"/calendar/?{query}").content.decode()
        assert names_in_order(html) == expected

    def test_links_to_the_past_dates_keep_the_filters(self, client, facilities):
        html = client.get("/calendar/?district=adlersky").content.decode()
        assert 'href="?district=adlersky&amp;when=past"' in html

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("district=adlersky", {"Парк в Адлере"}),
            ("type=road", {"Дорога в Лазаревском"}),
            ("status=commissioned", {"Школа на Виноградной", "Поликлиника в Хосте"}),
            ("month=2026-11", {"Школа на Виноградной", "Парк в Адлере"}),
            ("year=2023", {"Поликлиника в Хосте"}),
            ("year=2026&status=commissioned", {"Школа на Виноградной"}),
            ("month=2026-11&district=central&type=school", {"Школа на Виноградной"}),
            ("month=2026-11&district=lazarevsky", set()),
        ],
    )
    def test_filters_combine(self, client, facilities, query, expected):
        response = client.get(f"/calendar/?{query}")
        assert response.status_code == 200
        assert names_in(response) == expected

    def test_month_filter_uses_the_current_planned_date(self, client, facilities, admin_user):
        facilities["road"].replan(datetime.date(2027, 1, 15), "Перенос поставки", by=admin_user)
        assert names_in(client.get("/calendar/?month=2026-12")) == set()
        assert names_in(client.get("/calendar/?month=2027-01")) == {"Дорога в Лазаревском"}

    @pytest.mark.parametrize(
        "query",
        [
            "district=sirius",
            "type=castle",
            "status=lost",
            "month=2023-13",
            "month=ноябрь",
            "year=20x6",
            "year=1066",
            "view=table",
            "when=soon",
        ],
    )
    def test_bad_filter_values_answer_400_with_a_message(self, client, facilities, query):
        response = client.get(f"/calendar/?{query}")
        assert response.status_code == 400
        html = response.content.decode()
        assert 'class="notice notice--error" role="alert"' in html
        assert names_in(response) == set()

    def test_events_are_listed_with_the_month_and_hidden_by_facility_filters(
        self, client, facilities
    ):
        CityEventFactory(title="Ярмарка «Выбирай сочинское!»")
        CityEventFactory(
            title="Выставка питомцев приюта",
            starts_at=datetime.datetime(2026, 12, 5, 11, 0, tzinfo=datetime.UTC),
        )
        november = client.get("/calendar/?month=2026-11").content.decode()
        assert "Ярмарка «Выбирай сочинское!»" in november
        assert "Выставка питомцев приюта" not in november
        by_district = client.get("/calendar/?month=2026-11&district=central").content.decode()
        assert "Ярмарка «Выбирай сочинское!»" not in by_district

    def test_paginates_and_keeps_filters_in_page_links(self, client, calendar_page, settings):
        settings.PORTAL_PAGE_SIZE = 2
        for number in range(5):
            FacilityFactory(name=f"Сквер {number}", district=District.ADLERSKY)
        html = client.get("/calendar/?district=adlersky").content.decode()
        assert "?district=adlersky&amp;page=2" in html


class TestMonthGrid:
    def test_grid_defaults_to_the_current_month_as_a_list_of_its_days(self, client, facilities):
        html = client.get("/calendar/?view=grid").content.decode()
        assert '<ol class="month-grid__days">' in html and "<table" not in html
        assert html.count('<li class="month-grid__day') == 30  # November, no days of other months
        assert "month-grid__day--from-7" in html  # 1 November 2026 is a Sunday
        assert 'aria-current="date"' in html
        assert "Парк в Адлере" in html and "Дорога в Лазаревском" not in html

    def test_an_event_over_several_days_is_shown_once_with_its_span(self, client, facilities):
        CityEventFactory(
            title="Новогодняя ярмарка",
            starts_at=datetime.datetime(2026, 12, 26, 7, 0, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2026, 12, 28, 15, 0, tzinfo=datetime.UTC),
        )
        for url in ["/calendar/?view=grid&month=2026-12", "/calendar/", "/calendar/?month=2026-12"]:
            html = client.get(url).content.decode()
            assert html.count("Новогодняя ярмарка") == 1, url
            assert '<time datetime="2026-12-26">26</time>–<time datetime="2026-12-28">' in html

    def test_a_fair_open_every_day_is_shown_once_with_its_days_and_hours(self, client, facilities):
        for day in (12, 13, 14):
            CityEventFactory(
                title="Фермерский дворик: Фермерский дворик в Дагомысе",
                starts_at=datetime.datetime(2026, 12, day, 5, 0, tzinfo=datetime.UTC),
                ends_at=datetime.datetime(2026, 12, day, 10, 0, tzinfo=datetime.UTC),
            )
        for url in ["/calendar/?view=grid&month=2026-12", "/calendar/"]:
            html = client.get(url).content.decode()
            assert html.count("Фермерский дворик в Дагомысе") == 1, url
            assert "Фермерский дворик: Фермерский" not in html
            assert "</time>, 08:00–13:00" in html

    def test_days_with_nothing_on_them_are_marked_for_the_agenda(self, client, facilities):
        html = client.get("/calendar/?view=grid&month=2026-12").content.decode()
        assert html.count("month-grid__day--empty") == 30  # only the road, on 20 December
        assert "month-grid__day--from-2" in html  # 1 December 2026 is a Tuesday
        assert "В этом месяце в календаре ничего нет." not in html
        empty = client.get("/calendar/?view=grid&month=2027-05").content.decode()
        assert "В этом месяце в календаре ничего нет." in empty

    def test_previous_and_next_month_links_keep_the_filters(self, client, facilities):
        html = client.get("/calendar/?view=grid&district=adlersky&month=2026-11").content.decode()
        assert "?view=grid&amp;district=adlersky&amp;month=2026-10" in html
        assert "?view=grid&amp;district=adlersky&amp;month=2026-12" in html

    def test_next_month_across_the_year_drops_the_year_filter(self, client, facilities):
        html = client.get("/calendar/?year=2026&month=2026-12").content.decode()
        assert "?month=2027-01" in html
        assert "year=2026&amp;month=2027-01" not in html

    def test_grid_switch_keeps_the_filters(self, client, facilities):
        html = client.get("/calendar/?district=adlersky&page=1").content.decode()
        assert "?district=adlersky&amp;view=grid" in html


class TestFacilityPage:
    def test_shows_the_original_plan_each_change_and_days_late(self, client, facilities):
        road = facilities["road"]
        editor = get_user_model().objects.create_user("po", password="x")
        road.replan(
            datetime.date(2027, 2, 1),
            "Перенос сроков поставки оборудования",
            by=editor,
            document_reference="протокол № 12 от 3 ноября 2026",
        )
        response = client.get(f"/calendar/facilities/{road.slug}/")
        html = response.content.decode()
        assert response.status_code == 200
        assert "<h1>Дорога в Лазаревском</h1>" in html
        assert "Перенос сроков поставки оборудования" in html
        assert "протокол № 12 от 3 ноября 2026" in html
        assert 'datetime="2026-12-20"' in html and 'datetime="2027-02-01"' in html
        assert "flag--amber" in html

    def test_late_facility_shows_days_behind(self, client, facilities):
        html = client.get(f"/calendar/facilities/{facilities['clinic'].slug}/").content.decode()
        assert "flag--red" in html
        assert "92" in html  # 1 June → 1 September 2023

    def test_links_the_project_passport_when_it_is_live(self, client, facilities, home):
        passport = StandardPageFactory(parent=home, title="Паспорт проекта", slug="pasport")
        facilities["park"].project_page = passport
        facilities["park"].save()
        html = client.get(f"/calendar/facilities/{facilities['park'].slug}/").content.decode()
        assert 'href="/pasport/"' in html

    def test_unknown_facility_is_404(self, client, calendar_page):
        assert client.get("/calendar/facilities/no-such-thing/").status_code == 404

    def test_get_absolute_url_points_at_the_calendar_route(self, facilities):
        assert facilities["park"].get_absolute_url() == (
            f"/calendar/facilities/{facilities['park'].slug}/"
        )


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "2101-01", "1989-12"])
@pytest.mark.parametrize("path", ["/calendar/", "/calendar/?view=grid&", "/calendar/feed.ics"])
def test_month_outside_the_portal_years_is_refused_not_a_server_error(
    client, facilities, path, month
):
    separator = "" if path.endswith("&") else "?"
    response = client.get(f"{path}{separator}month={month}")
    assert response.status_code == 400
    assert "Укажите месяц в виде ГГГГ-ММ" in response.content.decode()
