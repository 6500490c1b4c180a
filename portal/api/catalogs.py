"""A catalog of the portal as an API resource: the same Catalog (its FilterSet, sorts, text search
and facets, portal.search.catalog) answers the HTML page and the API, so a query gives the same
records, total and counts in both.

`catalog_viewset(...)` makes the read-only viewset of one catalog: the list (a page of records
with the total, the facet counts and links to the neighbouring pages) and one record by id. Its
OpenAPI description (query parameters with their allowed values, the page's shape) is generated
from the FilterSet and the serializer, so the schema cannot drift from what the list reads.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.response import Response

from portal.api.lists import (
    DetailSerializer,
    ErrorsSerializer,
    filter_parameters,
    list_page,
    page_serializer,
    record_id,
    refused_page_number,
)
from portal.api.views import PublicAPIMixin
from portal.search.catalog import query_catalog
from portal.section_pages import live_index_page


def catalog_viewset(
    catalog,
    serializer,
    *,
    name,
    detail_serializer=None,
    prepare=None,
    detail_queryset=None,
    hidden_parameters=(),
    modified_at=None,
):
    """The read-only viewset of `catalog`. prepare(objects) -> objects: what the serializer needs
    read in a constant number of queries (prefetches); detail_queryset: the records one may
    fetch by id (default: the catalog's own); hidden_parameters: FilterSet fields the schema
    leaves out; modified_at(records) -> the answer's Last-Modified (default: the latest
    `updated_at`, portal.api.views.PublicAPIMixin)."""
    detail_serializer = detail_serializer or serializer
    page = page_serializer(name, serializer, catalog.facets)

    @extend_schema_view(
        list=extend_schema(
            parameters=filter_parameters(catalog.filterset_class, hidden_parameters),
            responses={200: page, 400: ErrorsSerializer, 429: DetailSerializer},
        ),
        retrieve=extend_schema(
            responses={200: detail_serializer, 404: DetailSerializer, 429: DetailSerializer}
        ),
    )
    class CatalogViewSet(PublicAPIMixin, viewsets.ViewSet):
        serializer_class = serializer
        # Any text up to the next slash: what is not a record's id is a 404 in JSON.
        lookup_value_regex = "[^/]+"

        def get_serializer_context(self):
            index_page = None
            if getattr(catalog.model, "index_page_type", ""):
                index_page = live_index_page(catalog.model.index_page_model())
            return {"request": self.request, "index_page": index_page}

        def prepared(self, records):
            records = list(records)
            if prepare:
                records = prepare(records)
            self.note_modified(records, modified_at)
            return records

        def list(self, request):
            refusal = refused_page_number(request)
            if refusal:
                return Response({"errors": [refusal]}, status=400)
            result = query_catalog(request, catalog)
            if not result.is_valid:
                return Response({"errors": result.errors}, status=400)
            objects = self.prepared(result.page.object_list)
            results = serializer(objects, many=True, context=self.get_serializer_context()).data
            return Response(list_page(request, result.page, results, result.facets))

        def retrieve(self, request, pk=None):
            queryset = detail_queryset() if detail_queryset else catalog.queryset()
            record = get_object_or_404(queryset, pk=record_id(pk))
            (record,) = self.prepared([record])
            return Response(detail_serializer(record, context=self.get_serializer_context()).data)

    CatalogViewSet.__name__ = CatalogViewSet.__qualname__ = f"{name}ViewSet"
    return CatalogViewSet
