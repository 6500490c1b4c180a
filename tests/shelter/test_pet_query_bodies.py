"""Each filter, facet, sort and text query of the pet catalog, as the request body Elasticsearch
receives (`to_dict()`), with no cluster needed. The demo "today" is 26 November 2026."""

import datetime

import pytest
from django.http import QueryDict
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.search.catalog import CatalogQuery, build_search
from shelter.filters import FACETS, PetFilter
from shelter.models import AgeGroup, Coat, Colour, Compatibility, Sex, Size, Species
from shelter.search import PET_CATALOG

TODAY = datetime.datetime(2026, 11, 26, 12, 0, tzinfo=datetime.UTC)
FIELDS = {
    "species": "species",
    "sex": "sex",
    "size": "size",
    "colour": "colour",
    "coat": "coat",
    "sterilised": "sterilised",
    "vaccinated": "vaccinated",
    "children": "good_with_children",
    "dogs": "good_with_dogs",
    "cats": "good_with_cats",
    "house_trained": "house_trained",
    "special_needs": "special_needs",
}
OPTIONS = {
    "species": Species.values,
    "sex": Sex.values,
    "age": AgeGroup.values,
    "size": Size.values,
    "colour": Colour.values,
    "coat": Coat.values,
    "sterilised": ["yes", "no"],
    "vaccinated": ["yes", "no"],
    "children": Compatibility.values,
    "dogs": Compatibility.values,
    "cats": Compatibility.values,
    "house_trained": ["yes", "no"],
    "special_needs": ["yes", "no"],
}
# Born on these days or later / earlier, as of 26 November 2026: [gte, lte].
AGE_RANGES = {
    "baby": {"gte": "2025-11-27", "lte": "2026-11-26"},
    "young": {"gte": "2023-11-27", "lte": "2025-11-26"},
    "adult": {"gte": "2018-11-27", "lte": "2023-11-26"},
    "senior": {"lte": "2018-11-26"},
}
TEXT_FIELDS = ["name^3", "breed^2", "description", "species_label"]
NEWEST = [{"published_at": {"order": "desc"}}, {"pk": {"order": "desc"}}]


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(TODAY, tick=False)


def body(filters="", text="", sort="", page=1, per_page=12):
    query = CatalogQuery(filters=QueryDict(filters), text=text, sort=sort)
    filterset = PET_CATALOG.filterset_class(query.filters, queryset=None)
    assert filterset.is_valid(), filterset.errors
    return build_search(PET_CATALOG, query, filterset, page, per_page).to_dict()


def clause(name, value):
    if name == "age":
        return {"range": {"born_on": AGE_RANGES[value]}}
    return {"term": {FIELDS[name]: value}}


# The age facet counts date ranges of today (exclusive "to"), the same bounds as the filter.
AGE_BUCKETS = {
    "date_range": {
        "field": "born_on",
        "format": "yyyy-MM-dd",
        "ranges": [
            {"key": "baby", "to": "2026-11-27", "from": "2025-11-27"},
            {"key": "young", "to": "2025-11-27", "from": "2023-11-27"},
            {"key": "adult", "to": "2023-11-27", "from": "2018-11-27"},
            {"key": "senior", "to": "2018-11-27"},
        ],
    }
}


def facet(name, *others):
    if name == "age":
        options = AGE_BUCKETS
    else:
        options = {"terms": {"field": FIELDS[name], "size": len(OPTIONS[name])}}
    return {
        "filter": {"bool": {"filter": list(others)}} if others else {"match_all": {}},
        "aggs": {"options": options},
    }


def test_every_pet_filter_but_text_and_sort_has_an_elasticsearch_query_and_a_facet():
    filters = set(PetFilter.base_filters) - {"q", "sort"}
    assert set(PET_CATALOG.es_filters) == filters
    assert set(PET_CATALOG.facets) == filters == set(FACETS)
    assert set(PET_CATALOG.sorts) == {"newest", "waiting", "youngest", "oldest"}


def test_no_filters_lists_the_newest_first_with_every_facet_counted():
    assert body() == {
        "aggs": {f"facet_{name}": facet(name) for name in FACETS},
        "sort": NEWEST,
        "track_total_hits": True,
        "from": 0,
        "size": 12,
        "_source": False,
    }


@pytest.mark.parametrize(
    ("name", "value"), [(name, value) for name, values in OPTIONS.items() for value in values]
)
def test_each_filter_option_narrows_the_hits_and_every_other_facet_but_not_its_own(name, value):
    result = body(f"{name}={value}")
    assert "query" not in result
    assert result["post_filter"] == {"bool": {"filter": [clause(name, value)]}}
    assert result["aggs"][f"facet_{name}"] == facet(name)
    for other in set(FACETS) - {name}:
        assert result["aggs"][f"facet_{other}"] == facet(other, clause(name, value))


def test_age_groups_are_birth_date_ranges_of_today():
    assert body("age=baby")["post_filter"]["bool"]["filter"] == [
        {"range": {"born_on": {"gte": "2025-11-27", "lte": "2026-11-26"}}}
    ]
    assert body("age=senior")["post_filter"]["bool"]["filter"] == [
        {"range": {"born_on": {"lte": "2018-11-26"}}}
    ]


def test_a_year_later_the_same_group_means_other_birth_dates(time_machine):
    time_machine.move_to(datetime.datetime(2027, 11, 26, 12, 0, tzinfo=datetime.UTC), tick=False)
    assert body("age=young")["post_filter"]["bool"]["filter"] == [
        {"range": {"born_on": {"gte": "2024-11-27", "lte": "2026-11-26"}}}
    ]


def test_unknown_compatibility_is_its_own_value_never_yes():
    assert body("children=unknown")["post_filter"]["bool"]["filter"] == [
        {"term": {"good_with_children": "unknown"}}
    ]


def test_yes_no_filters_match_the_values_the_facets_count():
    result = body("sterilised=no")
    assert result["post_filter"]["bool"]["filter"] == [{"term": {"sterilised": "no"}}]
    assert result["aggs"]["facet_sterilised"]["aggs"]["options"]["terms"]["field"] == "sterilised"


def test_three_filters_count_each_facet_with_the_two_others_applied():
    result = body("species=dog&age=young&cats=yes")
    dog, young, cats = clause("species", "dog"), clause("age", "young"), clause("cats", "yes")
    assert result["post_filter"] == {"bool": {"filter": [dog, young, cats]}}
    assert result["aggs"]["facet_species"] == facet("species", young, cats)
    assert result["aggs"]["facet_age"] == facet("age", dog, cats)
    assert result["aggs"]["facet_cats"] == facet("cats", dog, young)
    assert result["aggs"]["facet_size"] == facet("size", dog, young, cats)


def test_text_matches_every_word_over_name_breed_description_and_species():
    result = body(text="рыжая кошка")
    assert result["query"] == {
        "multi_match": {
            "query": "рыжая кошка",
            "fields": TEXT_FIELDS,
            "type": "cross_fields",
            "operator": "and",
        }
    }
    assert result["sort"] == NEWEST


def test_text_with_a_filter_scores_the_text_and_filters_after():
    result = body("species=cat", text="рыжая")
    assert result["query"]["multi_match"]["query"] == "рыжая"
    assert result["post_filter"] == {"bool": {"filter": [{"term": {"species": "cat"}}]}}
    assert result["aggs"]["facet_sex"] == facet("sex", {"term": {"species": "cat"}})


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("newest", NEWEST),
        ("waiting", ["intake_on", "pk"]),
        ("youngest", [{"born_on": {"order": "desc"}}, "pk"]),
        ("oldest", ["born_on", "pk"]),
        ("", NEWEST),
        ("price", NEWEST),
    ],
)
def test_each_sort_and_an_unknown_one_falls_back_to_the_newest(sort, expected):
    assert body(sort=sort)["sort"] == expected


def test_page_four_starts_after_three_pages():
    result = body("species=cat", page=4, per_page=12)
    assert (result["from"], result["size"]) == (36, 12)


def chosen_order(chosen):
    """The chosen filters in the FilterSet's order, the order their clauses are built in."""
    return [name for name in FACETS if name in chosen]


@settings(max_examples=60, deadline=None)
@given(st.fixed_dictionaries({}, optional={n: st.sampled_from(v) for n, v in OPTIONS.items()}))
def test_any_valid_filter_combination_builds_the_matching_query(chosen):
    params = QueryDict(mutable=True)
    params.update(chosen)
    result = body(params.urlencode())
    clauses = [clause(name, chosen[name]) for name in chosen_order(chosen)]
    assert result.get("post_filter", {"bool": {"filter": []}}) == {"bool": {"filter": clauses}}
    for name in FACETS:
        others = [clause(other, chosen[other]) for other in chosen_order(chosen) if other != name]
        assert result["aggs"][f"facet_{name}"] == facet(name, *others)
