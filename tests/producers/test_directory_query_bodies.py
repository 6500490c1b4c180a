"""Each filter, facet, sort and text query of the producer directory (producers and products), as
the request body Elasticsearch receives (`to_dict()`), with no cluster needed. The demo "today"
is Thursday 26 November 2026: "this week" runs to Wednesday 2 December, the month is November."""

import datetime

import pytest
from django.http import QueryDict
from django.test import RequestFactory
from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_pages.models import District
from portal.search.catalog import CatalogQuery, build_search, read_request
from producers.filters import ProducerFilter, ProductFilter
from producers.search import FACETS, PRODUCER_CATALOG, PRODUCT_CATALOG
from tests.producers.factories import CategoryFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 11, 26, 12, 0, tzinfo=datetime.UTC)
CATALOGS = {"producers": PRODUCER_CATALOG, "products": PRODUCT_CATALOG}
CATEGORY_FIELD = {"producers": "categories", "products": "category"}
TEXT_FIELDS = {
    "producers": ["name^3", "description", "legal_name", "address", "category_names"],
    "products": ["name^3", "description", "category_name", "producer_name"],
}
BY_NAME = ["name.raw", "pk"]
CATEGORIES = ["med", "citrus", "cheese"]
OPTIONS = {
    "category": CATEGORIES,
    "district": District.values,
    "brand": ["true", "false"],
    "season": ["true", "false"],
    "fair_week": ["true", "false"],
}
BRAND_VALID = {
    "bool": {
        "filter": [
            {"range": {"brand_valid_from": {"lte": "2026-11-26"}}},
            {"range": {"brand_valid_until": {"gte": "2026-11-26"}}},
        ]
    }
}
IN_SEASON = {"term": {"months": 11}}
AT_FAIR_THIS_WEEK = {"range": {"fair_dates": {"gte": "2026-11-26", "lte": "2026-12-02"}}}
DAY_QUERIES = {"brand": BRAND_VALID, "season": IN_SEASON, "fair_week": AT_FAIR_THIS_WEEK}


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(TODAY, tick=False)


@pytest.fixture(autouse=True)
def categories(db):
    return [CategoryFactory(slug=slug, name=slug.title()) for slug in CATEGORIES]


def body(kind, filters="", text="", sort="", page=1, per_page=20):
    catalog = CATALOGS[kind]
    query = CatalogQuery(filters=QueryDict(filters), text=text, sort=sort)
    filterset = catalog.filterset_class(query.filters, queryset=catalog.queryset())
    assert filterset.is_valid(), filterset.errors
    return build_search(catalog, query, filterset, page, per_page).to_dict()


def not_(query):
    return {"bool": {"must_not": [query]}}


def clause(kind, name, value):
    if name in DAY_QUERIES:
        return DAY_QUERIES[name] if value == "true" else not_(DAY_QUERIES[name])
    field = CATEGORY_FIELD[kind] if name == "category" else name
    return {"term": {field: value}}


def facet(kind, name, *others):
    if name in DAY_QUERIES:
        # Counted with today's query: the documents hold dates and months, not yes/no.
        options = {
            "filters": {
                "filters": {"true": DAY_QUERIES[name], "false": not_(DAY_QUERIES[name])},
                "keyed": False,
            }
        }
    else:
        field = CATEGORY_FIELD[kind] if name == "category" else name
        options = {"terms": {"field": field, "size": len(OPTIONS[name])}}
    return {
        "filter": {"bool": {"filter": list(others)}} if others else {"match_all": {}},
        "aggs": {"options": options},
    }


KINDS = pytest.mark.parametrize("kind", ["producers", "products"])


@pytest.mark.parametrize("filterset_class", [ProducerFilter, ProductFilter])
def test_every_directory_filter_but_text_and_view_has_a_query_and_a_facet(filterset_class):
    filters = set(filterset_class.base_filters) - {"q", "view"}
    for catalog in CATALOGS.values():
        assert set(catalog.es_filters) == filters == set(catalog.facets) == set(FACETS)
        assert set(catalog.es_facet_fields) == filters


@KINDS
def test_no_filters_lists_by_name_with_every_facet_counted(kind):
    assert body(kind) == {
        "aggs": {f"facet_{name}": facet(kind, name) for name in FACETS},
        "sort": BY_NAME,
        "track_total_hits": True,
        "from": 0,
        "size": 20,
        "_source": False,
    }


@KINDS
@pytest.mark.parametrize(
    ("name", "value"), [(name, value) for name, values in OPTIONS.items() for value in values]
)
def test_each_filter_option_narrows_the_hits_and_every_other_facet_but_not_its_own(
    kind, name, value
):
    result = body(kind, f"{name}={value}")
    assert "query" not in result
    assert result["post_filter"] == {"bool": {"filter": [clause(kind, name, value)]}}
    assert result["aggs"][f"facet_{name}"] == facet(kind, name)
    for other in set(FACETS) - {name}:
        assert result["aggs"][f"facet_{other}"] == facet(kind, other, clause(kind, name, value))


def test_producers_filter_on_any_of_their_categories_products_on_their_one_category():
    producers, products = body("producers", "category=med"), body("products", "category=med")
    assert producers["post_filter"]["bool"]["filter"] == [{"term": {"categories": "med"}}]
    assert products["post_filter"]["bool"]["filter"] == [{"term": {"category": "med"}}]


@KINDS
def test_a_valid_brand_mark_is_one_whose_dates_hold_today(kind):
    assert body(kind, "brand=true")["post_filter"]["bool"]["filter"] == [BRAND_VALID]
    assert body(kind, "brand=false")["post_filter"]["bool"]["filter"] == [not_(BRAND_VALID)]


@KINDS
def test_in_season_now_is_the_month_of_today_and_follows_the_clock(kind, time_machine):
    assert body(kind, "season=true")["post_filter"]["bool"]["filter"] == [{"term": {"months": 11}}]
    time_machine.move_to(datetime.datetime(2027, 2, 15, 12, tzinfo=datetime.UTC), tick=False)
    assert body(kind, "season=true")["post_filter"]["bool"]["filter"] == [{"term": {"months": 2}}]
    facet_query = body(kind)["aggs"]["facet_season"]["aggs"]["options"]["filters"]["filters"]
    assert facet_query["true"] == {"term": {"months": 2}}


@KINDS
def test_at_a_fair_this_week_is_a_fair_date_from_today_for_seven_days(kind, time_machine):
    assert body(kind, "fair_week=true")["post_filter"]["bool"]["filter"] == [AT_FAIR_THIS_WEEK]
    assert body(kind, "fair_week=false")["post_filter"]["bool"]["filter"] == [
        not_(AT_FAIR_THIS_WEEK)
    ]
    time_machine.move_to(datetime.datetime(2026, 12, 31, 12, tzinfo=datetime.UTC), tick=False)
    assert body(kind, "fair_week=true")["post_filter"]["bool"]["filter"] == [
        {"range": {"fair_dates": {"gte": "2026-12-31", "lte": "2027-01-06"}}}
    ]


@KINDS
def test_the_view_switch_filters_nothing(kind):
    assert body(kind, f"view={kind}") == body(kind)


@KINDS
def test_three_filters_count_each_facet_with_the_two_others_applied(kind):
    result = body(kind, "category=med&district=adlersky&season=true")
    med = clause(kind, "category", "med")
    adler = clause(kind, "district", "adlersky")
    season = IN_SEASON
    assert result["post_filter"] == {"bool": {"filter": [med, adler, season]}}
    assert result["aggs"]["facet_category"] == facet(kind, "category", adler, season)
    assert result["aggs"]["facet_district"] == facet(kind, "district", med, season)
    assert result["aggs"]["facet_season"] == facet(kind, "season", med, adler)
    assert result["aggs"]["facet_brand"] == facet(kind, "brand", med, adler, season)


@KINDS
def test_text_matches_every_word_over_the_fields_the_database_search_indexes(kind):
    result = body(kind, text="каштановый мёд")
    assert result["query"] == {
        "multi_match": {
            "query": "каштановый мёд",
            "fields": TEXT_FIELDS[kind],
            "type": "cross_fields",
            "operator": "and",
        }
    }
    # The directory keeps its order by name with a text too.
    assert result["sort"] == BY_NAME


@KINDS
def test_text_with_a_filter_scores_the_text_and_filters_after(kind):
    result = body(kind, "fair_week=true", text="мёд")
    assert result["query"]["multi_match"]["query"] == "мёд"
    assert result["post_filter"] == {"bool": {"filter": [AT_FAIR_THIS_WEEK]}}
    assert result["aggs"]["facet_district"] == facet(kind, "district", AT_FAIR_THIS_WEEK)


@KINDS
@pytest.mark.parametrize("sort", ["", "name", "price", "-name"])
def test_the_directory_has_one_order_by_name(kind, sort):
    assert body(kind, sort=sort)["sort"] == BY_NAME


@pytest.mark.parametrize(
    ("params", "text"),
    [
        ("q=мёд:каштановый", "мёд каштановый"),
        ('q="пасека"', "пасека"),
        ("q=:::", ""),
        ("q=  мёд  ", "мёд"),
    ],
)
def test_the_directory_sends_words_only_and_never_a_sort(params, text):
    request = RequestFactory().get(f"/producers/?{params}&sort=relevance&view=products&page=2")
    _filterset, query = read_request(request, PRODUCT_CATALOG)
    assert (query.text, query.sort, query.page) == (text, "", "2")
    assert dict(query.filters.items()) == {"view": "products"}
    assert body("products", text=query.text, sort=query.sort)["sort"] == BY_NAME


@KINDS
def test_page_three_starts_after_two_pages(kind):
    result = body(kind, "district=central", page=3, per_page=20)
    assert (result["from"], result["size"]) == (40, 20)


def chosen_order(chosen):
    """The chosen filters in the FilterSet's order, the order their clauses are built in."""
    return [name for name in FACETS if name in chosen]


@settings(max_examples=40, deadline=None)
@given(
    kind=st.sampled_from(["producers", "products"]),
    chosen=st.fixed_dictionaries({}, optional={n: st.sampled_from(v) for n, v in OPTIONS.items()}),
)
def test_any_valid_filter_combination_builds_the_matching_query(kind, chosen):
    params = QueryDict(mutable=True)
    params.update(chosen)
    result = body(kind, params.urlencode())
    clauses = [clause(kind, name, chosen[name]) for name in chosen_order(chosen)]
    assert result.get("post_filter", {"bool": {"filter": []}}) == {"bool": {"filter": clauses}}
    for name in FACETS:
        others = [
            clause(kind, other, chosen[other]) for other in chosen_order(chosen) if other != name
        ]
        assert result["aggs"][f"facet_{name}"] == facet(kind, name, *others)
