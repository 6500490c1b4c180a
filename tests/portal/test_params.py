"""portal.params: every integer and month a visitor sends is read in range or refused in Russian;
the filter sets and the paginator read them through it."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.paginator import Paginator
from django.utils import translation

from calendar_pages.filters import FacilityFilter
from news.filters import NewsFilter
from portal.pagination import paginate
from portal.params import ID_MAX, BadParameterError, parse_id, parse_int, parse_month
from projects.filters import ProjectFilter

HOSTILE_INTEGERS = ["²", "١٢", "1_000", "9" * 25, "-1", "1e3", "1.5", "0x10", "1\x00", "NaN"]


@pytest.fixture(autouse=True)
def russian():
    with translation.override("ru"):
        yield


@pytest.mark.parametrize(("value", "expected"), [("42", 42), (" 7 ", 7), ("", None), (None, None)])
def test_plain_integers_in_range_are_read(value, expected):
    assert parse_int(value, minimum=1, maximum=100) == expected


@pytest.mark.parametrize("value", [*HOSTILE_INTEGERS, "0", "101"])
def test_anything_else_is_refused_with_a_russian_message_and_400(value):
    with pytest.raises(BadParameterError) as refusal:
        parse_int(value, minimum=1, maximum=100)
    assert refusal.value.status == 400
    assert refusal.value.message == "Введите целое число от 1 до 100."


def test_an_id_fits_the_database():
    assert parse_id(str(ID_MAX)) == ID_MAX
    with pytest.raises(BadParameterError):
        parse_id(str(ID_MAX + 1))


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2026-11", datetime.date(2026, 11, 1)), ("1990-01", datetime.date(1990, 1, 1)), ("", None)],
)
def test_a_month_is_its_first_day(value, expected):
    assert parse_month(value) == expected


@pytest.mark.parametrize("value", ["9999-12", "0001-01", "2101-01", "2026-13", "2026-1", "²⁰²⁶-11"])
def test_a_month_outside_the_portal_years_is_refused(value):
    with pytest.raises(BadParameterError) as refusal:
        parse_month(value)
    assert "ГГГГ-ММ" in refusal.value.message


@pytest.mark.parametrize("filterset_class", [FacilityFilter, NewsFilter, ProjectFilter])
@pytest.mark.parametrize("year", [*HOSTILE_INTEGERS, "1989", "2101", "99999999999999999999999"])
def test_every_year_filter_refuses_what_the_params_refuse(db, filterset_class, year):
    filterset = filterset_class({"year": year}, queryset=filterset_class.Meta.model.objects.all())
    assert not filterset.is_valid()
    assert filterset.errors["year"] == ["Укажите год четырьмя цифрами, например 2026."]


@pytest.mark.parametrize("page", [*HOSTILE_INTEGERS, "", "0", "99"])
def test_a_bad_page_number_gives_the_nearest_page(page):
    page_of = paginate(SimpleNamespace(GET={"page": page}), list(range(30)), per_page=10)
    assert page_of.number in (1, 3)


def test_a_good_page_number_is_that_page():
    page_of = paginate(SimpleNamespace(GET={"page": "2"}), list(range(30)), per_page=10)
    assert page_of.number == 2 and isinstance(page_of.paginator, Paginator)
