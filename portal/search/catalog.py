"""One search interface for every catalog (facilities, pets, producers, products).

A view builds a CatalogQuery (filters, text, sort, page) and asks `get_catalog_search()` for a
CatalogResult (a page of model objects, the total, facet counts). Two implementations answer it:
the database (the catalog's django-filter FilterSet, portal.search.facets, portal.pagination) and
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
from django.db.models import Case, IntegerField, QuerySet, When
from django.http import QueryDict
from django.utils.translation import gettext as _
from django_filters.constants import EMPTY_VALUES
from elasticsearch_dsl import A, Q, Search

from portal.pagination import paginate
from portal.search.es.connection import CLUSTER_ERRORS, alias_name, get_client, is_enabled
from portal.search.facets import FacetOption, facet_counts, options_of

logger = logging.getLogger(__name__)

RELEVANCE = "relevance"
# Elasticsearch pages no deeper than its default max_result_window.
MAX_WINDOW = 10_000


@dataclass(frozen=True)
class Sort:
    """One order of a catalog, spelled for each engine; both end on the primary key."""

    label: str
    database: tuple[str, ...]
    elasticsearch: tuple[Any, ...]


@dataclass(frozen=True)
class Catalog:
    """What a catalog searches and how each of its filters reads on each engine.

    es_filters: every filter of the FilterSet -> function(cleaned value) -> elasticsearch Query.
    es_facet_fields: every facet -> the keyword/boolean field its options are counted on, or a
    function returning the aggregation (buckets keyed by the option values).
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

    @property
    def model(self):
        return self.document.django_model


@dataclass
class CatalogQuery:
    filters: Mapping = field(default_factory=QueryDict)
    text: str = ""
    sort: str = ""
    page: int | str = 1

    @classmethod
    def from_request(cls, request, text_param="q", sort_param="sort"):
        filters = request.GET.copy()
        for name in (text_param, sort_param, "page"):
            filters.pop(name, None)
        return cls(
            filters=filters,
            text=request.GET.get(text_param, "").strip(),
            sort=request.GET.get(sort_param, ""),
            page=request.GET.get("page", 1),
        )


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


def chosen_sort(catalog, query):
    """The query's sort if the catalog knows it (relevance only with a text), else the default."""
    if query.sort == RELEVANCE and query.text:
        return RELEVANCE
    return query.sort if query.sort in catalog.sorts else catalog.default_sort


def text_error(query):
    if len(query.text) > settings.PORTAL_SEARCH_MAX_LENGTH:
        return _("The query is too long: please use at most %(limit)d characters.") % {
            "limit": settings.PORTAL_SEARCH_MAX_LENGTH
        }
    return None


def page_of(object_list, number, per_page):
    # portal.pagination reads ?page= from a request: give it just that.
    return paginate(SimpleNamespace(GET={"page": number}), object_list, per_page)


def invalid_result(catalog, filterset, query, engine, errors):
    page = page_of(catalog.queryset().none(), 1, catalog.per_page)
    return CatalogResult(page, 0, {}, filterset, chosen_sort(catalog, query), engine, errors)


def filterset_errors(filterset):
    return [str(message) for messages in filterset.errors.values() for message in messages]


class DatabaseCatalogSearch:
    engine = "database"

    def search(self, catalog, query):
        base = catalog.queryset()
        error = text_error(query)
        matches = text_matches(catalog, query.text) if query.text and not error else None
        if matches is not None:
            base = base.filter(pk__in=matches)
        filterset = catalog.filterset_class(query.filters, queryset=base)
        if error or not filterset.is_valid():
            errors = [error] if error else filterset_errors(filterset)
            return invalid_result(catalog, filterset, query, self.engine, errors)
        sort = chosen_sort(catalog, query)
        results = filterset.qs
        if sort == RELEVANCE:
            results = results.order_by(relevance_order(matches), "pk")
        else:
            results = results.order_by(*catalog.sorts[sort].database)
        page = page_of(results, query.page, catalog.per_page)
        facets = facet_counts(filterset, catalog.facets)
        return CatalogResult(page, page.paginator.count, facets, filterset, sort, self.engine)


def relevance_order(pks):
    """The database backend's ranking as an ORDER BY expression over the matching pks."""
    if not pks:
        return "pk"
    return Case(*[When(pk=pk, then=i) for i, pk in enumerate(pks)], output_field=IntegerField())


def text_matches(catalog, text):
    """Primary keys of the catalog's records matching the text, best first, through the
    database search backend (Russian word forms on PostgreSQL and SQLite)."""
    from wagtail.search.backends import get_search_backend

    backend_name = "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    backend = get_search_backend(backend_name)
    results = backend.search(text, catalog.model.objects.all(), operator="and")
    return [obj.pk for obj in results]


class ElasticsearchCatalogSearch:
    engine = "elasticsearch"

    def search(self, catalog, query):
        filterset = catalog.filterset_class(query.filters, queryset=catalog.queryset())
        error = text_error(query)
        if error or not filterset.is_valid():
            errors = [error] if error else filterset_errors(filterset)
            return invalid_result(catalog, filterset, query, self.engine, errors)
        try:
            return self._search(catalog, query, filterset)
        except CLUSTER_ERRORS:
            logger.exception(
                "Catalog %s: Elasticsearch failed, answering from the database", catalog.name
            )
            result = DatabaseCatalogSearch().search(catalog, query)
            result.fell_back = True
            return result

    def _search(self, catalog, query, filterset):
        per_page = catalog.per_page or settings.PORTAL_PAGE_SIZE
        number = requested_page(query.page, per_page)
        response = self._execute(build_search(catalog, query, filterset, number, per_page))
        total = response.hits.total.value
        last = max(1, math.ceil(total / per_page))
        if number > last:  # Past the end: the last page, as the database path answers.
            number = last
            response = self._execute(build_search(catalog, query, filterset, number, per_page))
        objects = objects_in_order(catalog, [hit.meta.id for hit in response.hits])
        window = ResultWindow(total, (number - 1) * per_page, objects)
        page = page_of(window, number, per_page)
        facets = facets_from(catalog, query, filterset, response.aggregations)
        return CatalogResult(
            page, total, facets, filterset, chosen_sort(catalog, query), self.engine
        )

    @staticmethod
    def _execute(search):
        return search.using(get_client()).execute()


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


def build_search(catalog, query, filterset, number, per_page):
    """The request body: text and non-facet filters narrow everything; facet filters go to
    post_filter, and each facet counts its options with every other active filter applied,
    which is what the database facets count."""
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
    for name in catalog.facets:
        others = [q for other, q in facet_filters.items() if other != name]
        facet = A("filter", Q("bool", filter=others) if others else Q("match_all"))
        facet.bucket("options", facet_aggregation(catalog, filterset, name))
        search.aggs.bucket(f"facet_{name}", facet)
    sort = chosen_sort(catalog, query)
    order = catalog.relevance_sort if sort == RELEVANCE else catalog.sorts[sort].elasticsearch
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


def search_catalog(catalog, query):
    return get_catalog_search().search(catalog, query)
