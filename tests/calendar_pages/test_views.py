"""The public calendar: list and month grid with filters, facility pages."""

import datetime

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


class TestList:
    def test_lists_every_facility_in_calendar_order(self, client, facilities):
        response = client.get("/calendar/")
        html = response.content.decode()
        assert response.status_code == 200
        assert names_in(response) == {
            "Школа на Виноградной",
            "Парк в Адлере",
            "Дорога в Лазаревском",
            "Поликлиника в Хосте",
        }
        assert html.index("Поликлиника в Хосте") < html.index("Школа на Виноградной")
        assert html.index("Школа на Виноградной") < html.index("Дорога в Лазаревском")
        assert 'href="/static/calendar_pages/calendar.css"' in html
        assert "style=" not in html and "<script" not in html

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
    def test_grid_defaults_to_the_current_month(self, client, facilities):
        html = client.get("/calendar/?view=grid").content.decode()
        assert '<table class="month-grid">' in html
        assert 'aria-current="date"' in html
        assert "Парк в Адлере" in html and "Дорога в Лазаревском" not in html

    def test_grid_shows_events_on_each_of_their_days(self, client, facilities):
        CityEventFactory(
            title="Новогодняя ярмарка",
            starts_at=datetime.datetime(2026, 12, 26, 7, 0, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2026, 12, 28, 15, 0, tzinfo=datetime.UTC),
        )
        html = client.get("/calendar/?view=grid&month=2026-12").content.decode()
        assert html.count("Новогодняя ярмарка") == 3
        assert "Дорога в Лазаревском" in html

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
