"""GeoJSON (RFC 7946) of the portal's places: /api/v1/geo/<kind>/ answers one FeatureCollection of
points, [longitude, latitude] in WGS 84 (built by portal.geojson), as `application/geo+json`;
the maps of the site read it.

An app describes its kind in its own `geo.py`: which records (public ones, as its pages show
them), and a serializer of their properties (id, name, the page's address and the facts worth a
popup). `geojson_view(...)` makes the view and its OpenAPI description from those; records
without coordinates are left out. A kind with a catalog reads the catalog's filters with
`catalog_records(...)`, so the map shows what the list shows, on every page of it.
"""

from django.apps import apps
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.api.lists import DetailSerializer, ErrorsSerializer, filter_parameters
from portal.api.views import PublicAPIMixin
from portal.geojson import feature_collection
from portal.search.backend import by_relevance, text_search
from portal.search.catalog import (
    PAGE_PARAM,
    RELEVANCE,
    chosen_sort,
    filtered,
    filterset_errors,
    read_request,
)
from portal.section_pages import live_index_page

GEOJSON = "application/geo+json"


class GeoJSONRenderer(JSONRenderer):
    media_type = GEOJSON
    format = "geojson"


class OnlyGeoJSON(BaseContentNegotiation):
    """GeoJSON whatever the client accepts (it is JSON): no 406 for `Accept: application/json`,
    and no ?format= to describe."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def constant(value):
    """A string field that is always `value` (GeoJSON's "type"s), for the schema."""
    field = type(f"{value}Type", (serializers.CharField,), {})
    return extend_schema_field({"type": "string", "enum": [value]})(field)()


class RefusedParametersError(Exception):
    """The request's parameters, refused: `errors` are the Russian reasons (a 400)."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = list(errors)


def catalog_records(request, catalog):
    """The catalog's records a request's filters (and text, where the catalog has one) choose,
    in the list's order, from the database; RefusedParametersError when the FilterSet
    refuses them, as the catalog's page and API do."""
    filterset, query = read_request(request, catalog)
    if query is None:
        raise RefusedParametersError(filterset_errors(filterset))
    records = filterset.queryset
    if query.text:
        records = text_search(records, query.text)
    records = filtered(catalog, filterset, records)
    sort = chosen_sort(catalog, query)
    if sort == RELEVANCE:
        return by_relevance(records, query.text)
    return catalog.sorts[sort].order(records)


def filters_read(filterset):
    """The records a bound FilterSet chooses; RefusedParametersError when it refuses them."""
    if not filterset.is_valid():
        raise RefusedParametersError(filterset_errors(filterset))
    return filterset.qs


def filterset_parameters(filterset_class, hidden=()):
    """A FilterSet's filters as the schema's query parameters; a GeoJSON list has no pages."""
    return [
        parameter
        for parameter in filter_parameters(filterset_class, hidden)
        if parameter.name != PAGE_PARAM
    ]


class PointSerializer(serializers.Serializer):
    type = constant("Point")
    coordinates = serializers.ListField(
        child=serializers.FloatField(),
        min_length=2,
        max_length=2,
        help_text="[долгота, широта], WGS 84 (RFC 7946)",
    )


def collection_serializer(name, properties_serializer):
    """The FeatureCollection's serializer, for the schema."""
    feature = type(
        f"{name}Feature",
        (serializers.Serializer,),
        {
            "type": constant("Feature"),
            "id": serializers.IntegerField(),
            "geometry": PointSerializer(),
            "properties": properties_serializer(),
        },
    )
    return extend_schema_serializer(many=False)(
        type(
            f"{name}FeatureCollection",
            (serializers.Serializer,),
            {
                "type": constant("FeatureCollection"),
                "features": feature(many=True),
            },
        )
    )


def geojson_view(*, name, records, serializer, index_page_type="", parameters=(), description=""):
    """The view of one kind of place. records(request) -> the records (RefusedParametersError for
    bad parameters), read in a constant number of queries; serializer: their properties, given
    the request and the section's live index page (`index_page_type`, for the pages' addresses)
    in its context."""
    collection = collection_serializer(name, serializer)

    class GeoJSONView(PublicAPIMixin, APIView):
        renderer_classes = [GeoJSONRenderer]
        content_negotiation_class = OnlyGeoJSON

        @extend_schema(
            operation_id=f"geo_{name.lower()}",
            tags=["geo"],
            description=description,
            parameters=list(parameters),
            responses={200: collection, 400: ErrorsSerializer, 429: DetailSerializer},
        )
        def get(self, request):
            try:
                found = records(request)
            except RefusedParametersError as refused:
                return Response({"errors": refused.errors}, status=400)
            index_page = None
            if index_page_type:
                index_page = live_index_page(apps.get_model(index_page_type))
            context = {"request": request, "index_page": index_page}
            return Response(
                feature_collection(
                    found, lambda located: serializer(located, many=True, context=context).data
                )
            )

    GeoJSONView.__name__ = GeoJSONView.__qualname__ = f"{name}GeoJSONView"
    return GeoJSONView
