"""One search interface for every catalog (facilities, pets, producers, products).

A catalog view (and an API) calls `query_catalog(request, catalog)`: the request's parameters are
read once, by the catalog's own django-filter FilterSet (its filters, its text query and its
sort; ?page= by the paginator), and answered as a CatalogResult (a page of model objects, the
total, facet counts, the bound FilterSet, the Russian reasons of a refusal). Two implementations
answer it: the database (the FilterSet's filters, portal.search.facets, portal.pagination) and
Elasticsearch (the catalog's elasticsearch-dsl document). Settings choose one; views, templates
and the API do not know which ran. When the cluster fails, the database answers instead and the
result says so (`fell_back`), so the page can show a notice; the failure is logged.
"""

import logging
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import QueryDict
from django_filters.constants import EMPTY_VALUES
from elasticsearch_dsl import A, Q, Search

from portal.pagination import paginate
from portal.search.backend import by_relevance, text_search
from portal.search.es.connection import CLUSTER_ERRORS, alias_name, get_client, is_enabled
from portal.search.facets import FacetOption, count_facets, options_of
from portal.search.text import validate_search_text

logger = logging.getLogger(__name__)

RELEVANCE = "relevance"
# The parameters a catalog reads besides its filters.
TEXT_PARAM, SORT_PARAM, PAGE_PARAM = "q", "sort", "page"
# Elasticsearch pages no deeper than its default max_result_window.
MAX_WINDOW = 10_000


@dataclass(frozen=True)
class Sort:
    """One order of a catalog, spelled for each engine; both end on the primary key.

    An order that depends on the day is a function: `database` then takes the queryset and
    returns it ordered, `elasticsearch` takes nothing and returns the sort clauses."""

    label: str
    database: tuple[Any, ...] | Callable[[QuerySet], QuerySet]
    elasticsearch: tuple[Any, ...] | Callable[[], tuple[Any, ...]]

    def order(self, queryset):
        if callable(self.database):
            return self.database(queryset)
        return queryset.order_by(*self.database)

    def clauses(self):
        return self.elasticsearch() if callable(self.elasticsearch) else self.elasticsearch


def term(field):
    """A filter whose value is one keyword field's value in the document."""
    return lambda value: Q("term", **{field: value})


def requested_sort(data):
    """The sort a request chose with ?sort=, as the FilterSet read it ("" when none)."""
    return data.get(SORT_PARAM) or ""


@dataclass(frozen=True)
class Catalog:
    """What a catalog searches and how each of its filters reads on each engine.

    filterset_class: the FilterSet a request is read with: the filters, and the text query
    (?q=) and sort (?sort=) when the catalog's page offers them.
    es_filters: every filter the engines apply -> function(cleaned value) -> elasticsearch Query;
    the database applies the same filters of the FilterSet (never its text or sort, which the
    engines read themselves).
    es_facet_fields: every facet -> the keyword/boolean field its options are counted on, or a
    function returning the aggregation (buckets keyed by the option values).
    sort_of: the sort a request chose, from the FilterSet's cleaned data.
    """

    name: str
    filterset_class: type
    queryset: Callable[[], QuerySet]
    document: type
    facets: tuple[str, ...]
    sorts: Mapping[str, Sort]
    default_sort: str
    es_filters: Mapping[str, Callable[[Any], Any]]
    es_facet_fields: Mapping[str, str]
    text_fields: tuple[str, ...]
    relevance_sort: tuple[Any, ...] = ("_score", "pk")
    per_page: int | None = None
    sort_of: Callable[[Mapping], str] = requested_sort

    @property
    def model(self):
        return self.document.django_model


@dataclass
class CatalogQuery:
    filters: Mapping = field(default_factory=QueryDict)
    text: str = ""
    sort: str = ""
    page: int | str = 1


@dataclass
class CatalogResult:
    page: Any
    total: int
    facets: dict[str, list[FacetOption]]
    filterset: Any
    sort: str
    engine: str
    errors: list[str] = field(default_factory=list)
    fell_back: bool = False

    @property
    def is_valid(self):
        return not self.errors

    @property
    def status_code(self):
        return 200 if self.is_valid else 400


def query_catalog(request, catalog, *, facets=True, lists=None):
    """The catalog's answer to a request: its parameters read once, then searched by the engine
    the settings choose. Refused parameters give an empty page and the Russian reasons (status
    400) without a search; either way the result carries the bound FilterSet, so the form
    re-renders with what was typed.

    facets: False for a list that shows no counts (nothing is counted).
    lists: given the valid FilterSet, whether the request asks for the list at all (the
    calendar's month grid does not); when it does not, nothing is searched and there is no page.
    """
    search = get_catalog_search()
    filterset, query = read_request(request, catalog)
    if query is None:
        return invalid_result(catalog, filterset, search.engine, filterset_errors(filterset))
    if lists is not None and not lists(filterset):
        return CatalogResult(None, 0, {}, filterset, chosen_sort(catalog, query), search.engine)
    return search.search(catalog, query, filterset, facets=facets)


def read_request(request, catalog):
    """(bound FilterSet, CatalogQuery) of a request; the query is None when the FilterSet refuses
    the parameters. The query holds what the FilterSet cleaned: the text (as the catalog's text
    field reads it) and the sort; ?page= goes as sent to the paginator, which reads it leniently."""
    filterset = catalog.filterset_class(request.GET, queryset=catalog.queryset())
    if not filterset.is_valid():
        return filterset, None
    cleaned = filterset.form.cleaned_data
    filters = filterset.data.copy()
    for name in (TEXT_PARAM, SORT_PARAM, PAGE_PARAM):
        filters.pop(name, None)
    query = CatalogQuery(
        filters=filters,
        text=cleaned.get(TEXT_PARAM) or "",
        sort=catalog.sort_of(cleaned),
        page=filterset.data.get(PAGE_PARAM, 1),
    )
    return filterset, query


def checked(catalog, query, filterset):
    """(FilterSet, errors) for a search. A request's FilterSet comes validated; a query built by
    code gets the catalog's FilterSet over its filters and the text rule's length limit."""
    if filterset is not None:
        return filterset, []
    filterset = catalog.filterset_class(query.filters, queryset=catalog.queryset())
    if query.text:
        try:
            validate_search_text(query.text, needs_words=False)
        except ValidationError as error:
            return filterset, error.messages
    return filterset, [] if filterset.is_valid() else filterset_errors(filterset)


def chosen_sort(catalog, query):
    """The query's sort if the catalog knows it (relevance only with a text), else the default."""
    if query.sort == RELEVANCE and query.text:
        return RELEVANCE
    return query.sort if query.sort in catalog.sorts else catalog.default_sort


def page_of(object_list, number, per_page, count=None):
    # portal.pagination reads ?page= from a request: give it just that.
    return paginate(SimpleNamespace(GET={"page": number}), object_list, per_page, count)


def invalid_result(catalog, filterset, engine, errors):
    page = page_of(catalog.queryset().none(), 1, catalog.per_page)
    return CatalogResult(page, 0, {}, filterset, catalog.default_sort, engine, errors)


def filterset_errors(filterset):
    return [str(message) for messages in filterset.errors.values() for message in messages]


def filtered(catalog, filterset, queryset):
    """The queryset narrowed by the catalog's filters as the FilterSet cleaned them."""
    for name, value in filterset.form.cleaned_data.items():
        if name in catalog.es_filters:
            queryset = filterset.filters[name].filter(queryset, value)
    return queryset


class DatabaseCatalogSearch:
    engine = "database"

    def search(self, catalog, query, filterset=None, *, facets=True):
        filterset, errors = checked(catalog, query, filterset)
        if errors:
            return invalid_result(catalog, filterset, self.engine, errors)
        base = filterset.queryset
        if query.text:
            base = text_search(base, query.text)
        sort = chosen_sort(catalog, query)
        results = filtered(catalog, filterset, base)
        if sort == RELEVANCE:
            results = by_relevance(results, query.text)
        else:
            results = catalog.sorts[sort].order(results)
        counted = (
            count_facets(
                filterset,
                catalog.facets,
                queryset=base,
                applied=catalog.es_filters,
                one_query=True,
            )
            if facets
            else None
        )
        # The facets' query counts the list too: the paginator is told, not asked to count.
        total = counted.total if counted else None
        page = page_of(results, query.page, catalog.per_page, total)
        counts = counted.facets if counted else {}
        return CatalogResult(page, page.paginator.count, counts, filterset, sort, self.engine)


class ElasticsearchCatalogSearch:
    engine = "elasticsearch"

    def search(self, catalog, query, filterset=None, *, facets=True):
        filterset, errors = checked(catalog, query, filterset)
        if errors:
            return invalid_result(catalog, filterset, self.engine, errors)
        try:
            return self._search(catalog, query, filterset, facets)
        except CLUSTER_ERRORS:
            logger.exception(
                "Catalog %s: Elasticsearch failed, answering from the database", catalog.name
            )
            result = DatabaseCatalogSearch().search(catalog, query, filterset, facets=facets)
            result.fell_back = True
            return result

    def _search(self, catalog, query, filterset, facets):
        per_page = catalog.per_page or settings.PORTAL_PAGE_SIZE
        number = requested_page(query.page, per_page)

        def execute(number):
            search = build_search(catalog, query, filterset, number, per_page, facets=facets)
            return search.using(get_client()).execute()

        response = execute(number)
        total = response.hits.total.value
        last = max(1, math.ceil(total / per_page))
        if number > last:  # Past the end: the last page, as the database path answers.
            number = last
            response = execute(number)
        objects = objects_in_order(catalog, [hit.meta.id for hit in response.hits])
        window = ResultWindow(total, (number - 1) * per_page, objects)
        page = page_of(window, number, per_page)
        counts = facets_from(catalog, query, filterset, response.aggregations) if facets else {}
        return CatalogResult(
            page, total, counts, filterset, chosen_sort(catalog, query), self.engine
        )


def requested_page(raw, per_page):
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_WINDOW // per_page)


def active_filters(catalog, filterset):
    """{filter name: elasticsearch query} for every filter given a value."""
    return {
        name: catalog.es_filters[name](value)
        for name, value in filterset.form.cleaned_data.items()
        if name in catalog.es_filters and value not in EMPTY_VALUES
    }


def build_search(catalog, query, filterset, number, per_page, *, facets=True):
    """The request body: text and non-facet filters narrow everything; facet filters go to
    post_filter, and each facet counts its options with every other active filter applied,
    which is what the database facets count (no aggregations without `facets`)."""
    search = Search(index=alias_name(catalog.document)).extra(track_total_hits=True)
    if query.text:
        search = search.query(
            "multi_match",
            query=query.text,
            fields=list(catalog.text_fields),
            type="cross_fields",
            operator="and",
        )
    active = active_filters(catalog, filterset)
    facet_filters = {name: q for name, q in active.items() if name in catalog.facets}
    for name, filter_query in active.items():
        if name not in facet_filters:
            search = search.filter(filter_query)
    if facet_filters:
        search = search.post_filter(Q("bool", filter=list(facet_filters.values())))
    for name in catalog.facets if facets else ():
        others = [q for other, q in facet_filters.items() if other != name]
        facet = A("filter", Q("bool", filter=others) if others else Q("match_all"))
        facet.bucket("options", facet_aggregation(catalog, filterset, name))
        search.aggs.bucket(f"facet_{name}", facet)
    sort = chosen_sort(catalog, query)
    order = catalog.relevance_sort if sort == RELEVANCE else catalog.sorts[sort].clauses()
    start = (number - 1) * per_page
    return search.sort(*order).source(False)[start : start + per_page]


def facet_aggregation(catalog, filterset, name):
    """How a facet counts its options: terms on a stored field, or the catalog's own aggregation
    (a function) for a facet derived at search time, such as an age group from the birth date."""
    spec = catalog.es_facet_fields[name]
    if callable(spec):
        return spec()
    return A("terms", field=spec, size=len(options_of(filterset.filters[name])) or 1)


def facets_from(catalog, query, filterset, aggregations):
    """FacetOption lists in the FilterSet's option order; options without hits count 0."""
    facets = {}
    for name in catalog.facets:
        buckets = getattr(aggregations, f"facet_{name}").options.buckets
        counts = {bucket_value(bucket): bucket.doc_count for bucket in buckets}
        chosen = chosen_values(query.filters, name)
        facets[name] = [
            FacetOption(raw, label, counts.get(raw, 0), raw in chosen)
            for raw, label, _value in options_of(filterset.filters[name])
        ]
    return facets


def bucket_value(bucket):
    # Booleans come back as 1/0 with key_as_string "true"/"false", the GET values.
    as_string = bucket.to_dict().get("key_as_string")
    return as_string if as_string is not None else str(bucket.key)


def chosen_values(filters, name):
    values = filters.getlist(name) if hasattr(filters, "getlist") else [filters.get(name)]
    return {str(value) for value in values if value not in ("", None)}


def objects_in_order(catalog, ids):
    """The hits' records from the database in one query, in the hits' order; a record deleted
    since it was indexed is left out."""
    pk = catalog.model._meta.pk
    keys = [pk.to_python(value) for value in ids]
    found = catalog.queryset().in_bulk(keys)
    return [found[key] for key in keys if key in found]


class ResultWindow:
    """The one page of hits Elasticsearch returned, sized as the whole result for Paginator."""

    def __init__(self, total, offset, objects):
        self.total, self.offset, self.objects = total, offset, objects

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        if isinstance(index, slice) and (index.start or 0) == self.offset:
            return self.objects
        raise IndexError("Only the page fetched from Elasticsearch is available.")


def get_catalog_search():
    """The implementation PORTAL_CATALOG_SEARCH names; the database one without a cluster."""
    if settings.PORTAL_CATALOG_SEARCH == "elasticsearch" and is_enabled():
        return ElasticsearchCatalogSearch()
    return DatabaseCatalogSearch()
