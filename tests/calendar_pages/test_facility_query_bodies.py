"""Each catalog filter, facet, sort and text query of the facility catalog, as the request body
Elasticsearch receives (`to_dict()`), with no cluster needed."""

import datetime

import pytest
from django.http import QueryDict
from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_pages.models import District, FacilityStatus, FacilityType
from calendar_pages.search import FACILITY_CATALOG
from portal.search.catalog import CatalogQuery, build_search

pytestmark = pytest.mark.django_db

ALL_OPTIONS = {"district": 4, "type": 8, "status": 4}
FIELDS = {"district": "district", "type": "facility_type", "status": "status"}


def body(filters="", text="", sort="", page=1, per_page=12):
    query = CatalogQuery(filters=QueryDict(filters), text=text, sort=sort)
    filterset = FACILITY_CATALOG.filterset_class(query.filters, queryset=None)
    assert filterset.is_valid(), filterset.errors
    return build_search(FACILITY_CATALOG, query, filterset, page, per_page).to_dict()


def facet(name, *others):
    return {
        "filter": {"bool": {"filter": list(others)}} if others else {"match_all": {}},
        "aggs": {"options": {"terms": {"field": FIELDS[name], "size": ALL_OPTIONS[name]}}},
    }


def term(field, value):
    return {"term": {field: value}}


def test_no_filters_lists_everything_in_calendar_order_with_every_facet():
    assert body() == {
        "aggs": {f"facet_{name}": facet(name) for name in FIELDS},
        "sort": ["calendar_on", "name.raw", "pk"],
        "track_total_hits": True,
        "from": 0,
        "size": 12,
        "_source": False,
    }


@pytest.mark.parametrize(
    ("name", "value", "field"),
    [
        ("district", District.LAZAREVSKY, "district"),
        ("type", FacilityType.KINDERGARTEN, "facility_type"),
        ("status", FacilityStatus.DELAYED, "status"),
    ],
)
def test_a_facet_filter_narrows_the_hits_but_not_its_own_counts(name, value, field):
    result = body(f"{name}={value}")
    assert result["post_filter"] == {"bool": {"filter": [term(field, value)]}}
    assert result["aggs"][f"facet_{name}"] == facet(name)
    for other in set(FIELDS) - {name}:
        assert result["aggs"][f"facet_{other}"] == facet(other, term(field, value))


def test_two_facet_filters_count_each_facet_with_the_other_applied():
    result = body("district=central&status=planned")
    district, status = term("district", "central"), term("status", "planned")
    assert result["post_filter"] == {"bool": {"filter": [district, status]}}
    assert result["aggs"]["facet_district"] == facet("district", status)
    assert result["aggs"]["facet_status"] == facet("status", district)
    assert result["aggs"]["facet_type"] == facet("type", district, status)


def test_month_narrows_hits_and_every_facet_to_the_calendar_month():
    result = body("month=2026-12")
    assert result["query"] == {
        "bool": {"filter": [{"range": {"calendar_on": {"gte": "2026-12-01", "lt": "2027-01-01"}}}]}
    }
    assert "post_filter" not in result


def test_year_narrows_hits_to_the_calendar_year():
    result = body("year=2027")
    assert result["query"] == {
        "bool": {"filter": [{"range": {"calendar_on": {"gte": "2027-01-01", "lt": "2028-01-01"}}}]}
    }


def test_text_matches_every_word_across_the_searched_fields():
    result = body(text="школа Адлер")
    assert result["query"] == {
        "multi_match": {
            "query": "школа Адлер",
            "fields": ["name^3", "description", "address", "district_label"],
            "type": "cross_fields",
            "operator": "and",
        }
    }
    assert result["sort"] == ["calendar_on", "name.raw", "pk"]


def test_relevance_sort_applies_only_with_a_text():
    assert body(text="школа", sort="relevance")["sort"] == ["_score", "pk"]
    assert body(sort="relevance")["sort"] == ["calendar_on", "name.raw", "pk"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("date", ["calendar_on", "name.raw", "pk"]),
        ("name", ["name.raw", "pk"]),
        ("progress", [{"progress": {"order": "desc"}}, "calendar_on", "pk"]),
        ("<script>", ["calendar_on", "name.raw", "pk"]),
    ],
)
def test_each_sort_and_an_unknown_one_falls_back_to_the_calendar_order(sort, expected):
    assert body(sort=sort)["sort"] == expected


def test_page_three_starts_after_two_pages():
    result = body(page=3, per_page=12)
    assert (result["from"], result["size"]) == (24, 12)


@settings(max_examples=40, deadline=None)
@given(
    district=st.sampled_from(["", *District.values]),
    kind=st.sampled_from(["", *FacilityType.values]),
    status=st.sampled_from(["", *FacilityStatus.values]),
    month=st.one_of(
        st.just(""),
        st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 12, 31)).map(
            lambda day: day.strftime("%Y-%m")
        ),
    ),
)
def test_any_valid_filter_combination_builds_the_matching_query(district, kind, status, month):
    params = QueryDict(mutable=True)
    params.update({"district": district, "type": kind, "status": status, "month": month})
    filterset = FACILITY_CATALOG.filterset_class(params, queryset=None)
    assert filterset.is_valid(), filterset.errors
    result = build_search(FACILITY_CATALOG, CatalogQuery(filters=params), filterset, 1, 12)
    result = result.to_dict()
    chosen = [
        term(field, value)
        for field, value in (("district", district), ("facility_type", kind), ("status", status))
        if value
    ]
    assert result.get("post_filter", {"bool": {"filter": []}}) == {"bool": {"filter": chosen}}
    ranges = result.get("query", {}).get("bool", {}).get("filter", [])
    assert len(ranges) == (1 if month else 0)
    for name in FIELDS:
        own = term(FIELDS[name], {"district": district, "type": kind, "status": status}[name])
        others = [clause for clause in chosen if clause != own]
        expected = {"bool": {"filter": others}} if others else {"match_all": {}}
        assert result["aggs"][f"facet_{name}"]["filter"] == expected
