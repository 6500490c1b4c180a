"""The database implementation of the catalog search, on the facility catalog: what the
calendar's FilterSet filters, what portal.search.facets counts, Russian word forms in the text."""

import pytest
from django.http import QueryDict

from calendar_pages.search import FACILITY_CATALOG
from portal.search.catalog import CatalogQuery, DatabaseCatalogSearch, get_catalog_search
from tests.calendar_pages.factories import bulk_create_facilities

pytestmark = pytest.mark.django_db


def search(filters="", text="", sort="", page=1):
    query = CatalogQuery(filters=QueryDict(filters), text=text, sort=sort, page=page)
    return DatabaseCatalogSearch().search(FACILITY_CATALOG, query)


def names(result):
    return [facility.name for facility in result.page]


def counts(result, name):
    return {option.value: option.count for option in result.facets[name]}


def test_without_a_cluster_the_database_answers(settings):
    settings.ELASTICSEARCH_URL = ""
    settings.PORTAL_CATALOG_SEARCH = "elasticsearch"
    assert isinstance(get_catalog_search(), DatabaseCatalogSearch)


def test_lists_every_facility_in_calendar_order(facilities):
    result = search()
    assert result.status_code == 200
    assert result.total == 6
    assert names(result)[:2] == ["Школа № 1 на Макаренко", "Детский сад «Ёлочка»"]
    assert result.engine == "database"
    assert not result.fell_back


def test_facets_count_what_choosing_the_option_would_list(facilities):
    result = search("district=adlersky")
    assert result.total == 3
    # The district facet ignores its own choice; the others count within Adlersky.
    assert counts(result, "district") == {
        "central": 2,
        "khostinsky": 0,
        "adlersky": 3,
        "lazarevsky": 1,
    }
    assert counts(result, "type")["school"] == 1
    assert [option.value for option in result.facets["district"] if option.selected] == ["adlersky"]
    for option in result.facets["type"]:
        assert search(f"district=adlersky&type={option.value}").total == option.count


def test_month_filter_uses_the_calendar_date(facilities):
    assert names(search("month=2026-11")) == ["Школа № 1 на Макаренко", "Детский сад «Ёлочка»"]


def test_text_finds_russian_word_forms_and_yo(facilities):
    assert names(search(text="школы")) == ["Школа № 1 на Макаренко", "Школа искусств"]
    assert names(search(text="елочка")) == ["Детский сад «Ёлочка»"]


def test_text_needs_every_word(facilities):
    assert names(search(text="школа искусств")) == ["Школа искусств"]


def test_text_and_facets_agree(facilities):
    result = search("district=adlersky", text="школа")
    assert names(result) == ["Школа искусств"]
    assert counts(result, "district")["central"] == 1


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        ("date", "Школа № 1 на Макаренко"),
        ("name", "Детский сад «Ёлочка»"),
        ("progress", "Детский сад «Ёлочка»"),
        ("nonsense", "Школа № 1 на Макаренко"),
    ],
)
def test_each_sort(facilities, sort, first):
    assert names(search(sort=sort))[0] == first


def test_invalid_filter_answers_400_with_the_russian_reason(facilities):
    result = search("district=atlantis")
    assert result.status_code == 400
    assert result.total == 0
    assert result.facets == {}
    assert "район" in " ".join(result.errors).lower()


def test_too_long_text_answers_400(facilities, settings):
    result = search(text="ш" * (settings.PORTAL_SEARCH_MAX_LENGTH + 1))
    assert result.status_code == 400
    assert result.errors


def test_page_past_the_end_gives_the_last_page(db, settings):
    settings.PORTAL_PAGE_SIZE = 5
    bulk_create_facilities(12)
    result = search(page=99)
    assert result.page.number == 3
    assert len(result.page) == 2


@pytest.mark.parametrize("size", [30, 1000])
def test_queries_per_page_do_not_grow_with_the_catalog(db, size, django_assert_num_queries):
    bulk_create_facilities(size)
    # The page, and the facets with the total (one query for all three facets and the count the
    # paginator is told).
    with django_assert_num_queries(2):
        result = search("status=under_construction", sort="name", page=2)
        assert len(result.page.object_list) == 12
