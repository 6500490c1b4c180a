"""portal.search.facets: each option's count is the number of results the list shows once it is
chosen."""

import django_filters
import pytest
from django.http import QueryDict
from django.template import Context, Template
from django.test import RequestFactory

from calendar_pages.models import District, Facility, FacilityStatus, FacilityType
from portal.search.facets import count_facets, facet_counts
from tests.calendar_pages.factories import FacilityFactory

pytestmark = pytest.mark.django_db
FACETS = ["district", "type", "status", "open"]


class FacilityFacets(django_filters.FilterSet):
    district = django_filters.ChoiceFilter(choices=District.choices)
    type = django_filters.MultipleChoiceFilter(
        field_name="facility_type", choices=FacilityType.choices
    )
    status = django_filters.ChoiceFilter(method="filter_status", choices=FacilityStatus.choices)
    open = django_filters.BooleanFilter(
        field_name="commissioned_on", lookup_expr="isnull", exclude=True
    )
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains")

    class Meta:
        model = Facility
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset.filter(status=value)


@pytest.fixture
def facilities():
    rows = [
        (District.CENTRAL, FacilityType.SCHOOL, FacilityStatus.COMMISSIONED, "2026-09-01"),
        (District.CENTRAL, FacilityType.SCHOOL, FacilityStatus.UNDER_CONSTRUCTION, None),
        (District.CENTRAL, FacilityType.PARK, FacilityStatus.UNDER_CONSTRUCTION, None),
        (District.ADLERSKY, FacilityType.SCHOOL, FacilityStatus.DELAYED, None),
        (District.ADLERSKY, FacilityType.ROAD, FacilityStatus.COMMISSIONED, "2026-10-01"),
        (District.LAZAREVSKY, FacilityType.PARK, FacilityStatus.PLANNED, None),
    ]
    for district, kind, status, commissioned in rows:
        FacilityFactory(
            district=district, facility_type=kind, status=status, commissioned_on=commissioned
        )


def bound(query):
    return FacilityFacets(QueryDict(query), queryset=Facility.objects.all())


def counts(facets, name):
    return {option.value: option.count for option in facets[name]}


def shown(query):
    return bound(query).qs.count()


QUERIES = [
    "",
    "district=central",
    "type=school",
    "type=school&type=park&status=commissioned",
    "district=adlersky&open=false",
    "q=Школа&district=central&open=true",
]


@pytest.mark.parametrize("query", QUERIES)
def test_every_count_equals_what_choosing_the_option_shows(facilities, query):
    facets = facet_counts(bound(query), FACETS)
    for name in FACETS:
        for option in facets[name]:
            data = QueryDict(query, mutable=True)
            data.setlist(name, [option.value])
            assert option.count == shown(data.urlencode()), (query, name, option.value)


def test_counts_ignore_the_facets_own_choice_and_apply_the_others(facilities):
    facets = facet_counts(bound("district=central&type=school"), FACETS)
    assert counts(facets, "district") == {
        "central": 2,
        "khostinsky": 0,
        "adlersky": 1,
        "lazarevsky": 0,
    }
    assert counts(facets, "type")["park"] == 1
    assert counts(facets, "open") == {"true": 1, "false": 1}


def test_selected_options_are_marked(facilities):
    facets = facet_counts(bound("type=school&type=park&district=central"), FACETS)
    assert {o.value for o in facets["type"] if o.selected} == {"school", "park"}
    assert [o.value for o in facets["district"] if o.selected] == ["central"]


def test_invalid_filters_give_no_facets(facilities):
    assert facet_counts(bound("district=atlantis"), FACETS) == {}


def test_one_query_per_facet_whatever_the_size(django_assert_num_queries):
    for _ in range(30):
        FacilityFactory()
    with django_assert_num_queries(len(FACETS)):
        facet_counts(bound("district=central&open=true"), FACETS)


def test_sidebar_renders_options_with_counts_and_keeps_the_choice(facilities):
    filterset = bound("district=central&q=Школа")
    facets = facet_counts(filterset, FACETS)
    request = RequestFactory().get("/calendar/")
    html = Template("{% load portal_tags %}{% facet_filters filterset facets %}").render(
        Context({"filterset": filterset, "facets": facets, "request": request})
    )
    assert 'type="radio" name="district" value="central" checked' in html
    assert 'type="checkbox" name="type" value="school"' in html
    assert 'name="q"' in html and 'value="Школа"' in html
    assert "(2)" in html


def test_form_fields_that_are_not_filters_are_left_alone(facilities):
    from calendar_pages.filters import CalendarFilterForm

    class WithView(FacilityFacets):
        class Meta(FacilityFacets.Meta):
            form = CalendarFilterForm

    filterset = WithView(QueryDict("view=grid&district=central"), queryset=Facility.objects.all())
    assert counts(facet_counts(filterset, ["district"]), "district")["central"] == 3


@pytest.mark.parametrize("query", [*QUERIES, "type=road&district=lazarevsky"])
def test_the_total_is_the_number_of_records_the_list_shows(facilities, query):
    assert count_facets(bound(query), FACETS, one_query=True).total == shown(query)


def test_the_total_comes_with_the_counts_in_one_query(facilities, django_assert_num_queries):
    with django_assert_num_queries(1):
        counted = count_facets(bound("district=central&open=false"), FACETS, one_query=True)
    assert counted.total == shown("district=central&open=false") == 2
