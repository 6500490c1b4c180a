"""A catalog of the portal as an API resource: the same Catalog (its FilterSet, sorts, text search
and facets, portal.search.catalog) answers the HTML page and the API, so a query gives the same
records, total and counts in both.

`catalog_viewset(...)` makes the read-only viewset of one catalog: the list (a page of records
with the total, the facet counts and links to the neighbouring pages) and one record by id. Its
OpenAPI description (query parameters with their allowed values, the page's shape) is generated
from the FilterSet and the serializer, so the schema cannot drift from what the list reads.
"""

import django_filters
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from portal.api.views import PublicAPIMixin, page_links
from portal.params import ID_MAX, BadParameterError, parse_id, parse_int
from portal.search.catalog import PAGE_PARAM, query_catalog
from portal.section_pages import live_index_page


class FacetOptionSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class ErrorsSerializer(serializers.Serializer):
    errors = serializers.ListField(child=serializers.CharField(), help_text="Причины, по-русски")


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Что случилось, по-русски")


def page_serializer(name, item_serializer, facets):
    """The serializer of a list page, for the schema."""
    facet_fields = {facet: FacetOptionSerializer(many=True) for facet in facets}
    facets_serializer = type(f"{name}Facets", (serializers.Serializer,), facet_fields)
    # One object per page (a list view's response would otherwise be described as an array).
    return extend_schema_serializer(many=False)(
        type(
            f"{name}Page",
            (serializers.Serializer,),
            {
                "count": serializers.IntegerField(help_text="Сколько записей подходит под запрос"),
                "page": serializers.IntegerField(),
                "pages": serializers.IntegerField(),
                "next": serializers.URLField(allow_null=True),
                "previous": serializers.URLField(allow_null=True),
                "facets": facets_serializer(),
                "results": item_serializer(many=True),
            },
        )
    )


def filter_parameters(catalog, hidden=()):
    """The list's query parameters: the FilterSet's (but `hidden`, which choose how the HTML
    page shows the list), with their allowed values, and ?page=."""
    parameters = []
    for name, filter_ in catalog.filterset_class.base_filters.items():
        if name in hidden:
            continue
        enum = None
        if isinstance(filter_, django_filters.ChoiceFilter):
            choices = filter_.extra.get("choices")
            if choices and not callable(choices):
                # Blank: the filter left unset, as a form sends it.
                enum = ["", *(value for value, _label in choices)]
        parameters.append(
            OpenApiParameter(
                name,
                getattr(filter_, "openapi_schema", OpenApiTypes.STR),
                OpenApiParameter.QUERY,
                description=str(filter_.label or ""),
                enum=enum,
            )
        )
    parameters.append(
        OpenApiParameter(
            PAGE_PARAM,
            {"type": "integer", "minimum": 1, "maximum": ID_MAX},
            OpenApiParameter.QUERY,
            description="Номер страницы; за последней — последняя",
        )
    )
    return parameters


def catalog_viewset(
    catalog,
    serializer,
    *,
    name,
    detail_serializer=None,
    prepare=None,
    detail_queryset=None,
    hidden_parameters=(),
):
    """The read-only viewset of `catalog`. prepare(objects) -> objects: what the serializer needs
    read in a constant number of queries (prefetches); detail_queryset: the records one may
    fetch by id (default: the catalog's own); hidden_parameters: FilterSet fields the schema
    leaves out."""
    detail_serializer = detail_serializer or serializer
    page = page_serializer(name, serializer, catalog.facets)

    @extend_schema_view(
        list=extend_schema(
            parameters=filter_parameters(catalog, hidden_parameters),
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

        def list(self, request):
            # The site reads ?page= leniently (a link that outlived its list is no error); a
            # program asking for page "abc" should hear that it is wrong.
            try:
                for number in request.GET.getlist(PAGE_PARAM):
                    if parse_int(number, minimum=1, maximum=ID_MAX) is None:
                        raise BadParameterError(_("Give the page number, or leave ?page= out."))
            except BadParameterError as error:
                return Response({"errors": [str(error)]}, status=400)
            result = query_catalog(request, catalog)
            if not result.is_valid:
                return Response({"errors": result.errors}, status=400)
            objects = list(result.page.object_list)
            if prepare:
                objects = prepare(objects)
            previous_url, next_url = page_links(request, result.page)
            return Response(
                {
                    "count": result.total,
                    "page": result.page.number,
                    "pages": result.page.paginator.num_pages,
                    "next": next_url,
                    "previous": previous_url,
                    "facets": {
                        facet: FacetOptionSerializer(options, many=True).data
                        for facet, options in result.facets.items()
                    },
                    "results": serializer(
                        objects, many=True, context=self.get_serializer_context()
                    ).data,
                }
            )

        def retrieve(self, request, pk=None):
            queryset = detail_queryset() if detail_queryset else catalog.queryset()
            try:
                record_id = parse_id(pk)
            except BadParameterError:
                raise NotFound() from None
            record = get_object_or_404(queryset, pk=record_id)
            if prepare:
                (record,) = prepare([record])
            return Response(detail_serializer(record, context=self.get_serializer_context()).data)

    CatalogViewSet.__name__ = CatalogViewSet.__qualname__ = f"{name}ViewSet"
    return CatalogViewSet
