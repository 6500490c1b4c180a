"""What every list of the API shares: the page it answers with ({count, page, pages, next,
previous, results}, plus the facet counts where the site's list shows them), the check of
?page=, the query parameters its FilterSet reads as the schema describes them, and the viewset of
a resource that is a plain filtered list rather than a catalog (news, projects, events, fairs,
contests): the site's FilterSet reads the request, portal.pagination cuts the page.

A catalog's viewset (portal.api.catalogs) answers with the same page, from the catalog search.
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
from portal.pagination import paginate
from portal.params import ID_MAX, BadParameterError, parse_id, parse_int
from portal.search.catalog import PAGE_PARAM, filterset_errors
from portal.search.facets import count_facets


class FacetOptionSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class ErrorsSerializer(serializers.Serializer):
    errors = serializers.ListField(child=serializers.CharField(), help_text="Причины, по-русски")


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Что случилось, по-русски")


def page_serializer(name, item_serializer, facets=()):
    """The serializer of a list page, for the schema; `facets`: the filters counted per option."""
    fields = {
        "count": serializers.IntegerField(help_text="Сколько записей подходит под запрос"),
        "page": serializers.IntegerField(),
        "pages": serializers.IntegerField(),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
    }
    if facets:
        facet_fields = {facet: FacetOptionSerializer(many=True) for facet in facets}
        fields["facets"] = type(f"{name}Facets", (serializers.Serializer,), facet_fields)()
    fields["results"] = item_serializer(many=True)
    # One object per page (a list view's response would otherwise be described as an array).
    return extend_schema_serializer(many=False)(
        type(f"{name}Page", (serializers.Serializer,), fields)
    )


def refused_page_number(request):
    """The Russian reason when ?page= is not a page number, else None. The site reads ?page=
    leniently (a link that outlived its list is no error); a program asking for page "abc"
    should hear that it is wrong."""
    message = _("Give the page number, or leave ?page= out.")
    try:
        for number in request.GET.getlist(PAGE_PARAM):
            if parse_int(number, minimum=1, maximum=ID_MAX, message=message) is None:
                raise BadParameterError(message)
    except BadParameterError as error:
        return str(error)
    return None


def list_page(request, page, results, facets=None):
    """The answer of a list: the total, where this page stands, its neighbours, its records."""
    previous_url, next_url = page_links(request, page)
    data = {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "next": next_url,
        "previous": previous_url,
    }
    if facets is not None:
        data["facets"] = {
            facet: FacetOptionSerializer(options, many=True).data
            for facet, options in facets.items()
        }
    data["results"] = results
    return data


PAGE_PARAMETER = OpenApiParameter(
    PAGE_PARAM,
    {"type": "integer", "minimum": 1, "maximum": ID_MAX},
    OpenApiParameter.QUERY,
    description="Номер страницы; за последней — последняя",
)


def filter_parameters(filterset_class, hidden=()):
    """The list's query parameters: the FilterSet's (but `hidden`, which choose how the HTML
    page shows the list), with their allowed values, and ?page=."""
    parameters = []
    for name, filter_ in filterset_class.base_filters.items() if filterset_class else ():
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
    parameters.append(PAGE_PARAMETER)
    return parameters


def record_id(pk):
    """The id in a record's address; anything that is not one is a 404 in JSON."""
    try:
        return parse_id(pk)
    except BadParameterError:
        raise NotFound() from None


def records_viewset(
    *,
    name,
    queryset,
    serializer,
    detail_serializer=None,
    detail_queryset=None,
    filterset_class=None,
    facets=(),
    prepare=None,
    context=None,
    modified_at=None,
    per_page=None,
):
    """The read-only viewset of a list the site reads with a FilterSet.

    queryset() -> the public records, in the list's order; detail_queryset() -> those one may
    fetch by id (default: the same); filterset_class: the site list's FilterSet (its Russian
    errors answer 400), `facets` its filters counted per option as the site's sidebar counts
    them; prepare(records, detail) -> records: what the serializers need, read in a constant
    number of queries; context(request) -> extra serializer context; modified_at(records) -> the
    answer's Last-Modified (portal.api.views.PublicAPIMixin)."""
    detail_serializer = detail_serializer or serializer
    detail_queryset = detail_queryset or queryset

    @extend_schema_view(
        list=extend_schema(
            parameters=filter_parameters(filterset_class),
            responses={
                200: page_serializer(name, serializer, facets),
                400: ErrorsSerializer,
                429: DetailSerializer,
            },
        ),
        retrieve=extend_schema(
            responses={200: detail_serializer, 404: DetailSerializer, 429: DetailSerializer}
        ),
    )
    class RecordsViewSet(PublicAPIMixin, viewsets.ViewSet):
        serializer_class = serializer
        # Any text up to the next slash: what is not a record's id is a 404 in JSON.
        lookup_value_regex = "[^/]+"

        def get_serializer_context(self):
            extra = context(self.request) if context else {}
            return {"request": self.request, **extra}

        def prepared(self, records, *, detail):
            records = list(records)
            if prepare:
                records = prepare(records, detail=detail)
            self.note_modified(records, modified_at)
            return records

        def list(self, request):
            refusal = refused_page_number(request)
            if refusal:
                return Response({"errors": [refusal]}, status=400)
            records, counted = queryset(), None
            if filterset_class is not None:
                filterset = filterset_class(request.GET, queryset=records)
                if not filterset.is_valid():
                    return Response({"errors": filterset_errors(filterset)}, status=400)
                records = filterset.qs
                if facets:
                    # The facets' one query counts the list too: the paginator is told.
                    counted = count_facets(filterset, facets, one_query=True)
            page = paginate(request, records, per_page, counted.total if counted else None)
            objects = self.prepared(page.object_list, detail=False)
            results = serializer(objects, many=True, context=self.get_serializer_context()).data
            return Response(list_page(request, page, results, counted.facets if counted else None))

        def retrieve(self, request, pk=None):
            record = get_object_or_404(detail_queryset(), pk=record_id(pk))
            (record,) = self.prepared([record], detail=True)
            return Response(detail_serializer(record, context=self.get_serializer_context()).data)

    RecordsViewSet.__name__ = RecordsViewSet.__qualname__ = f"{name}ViewSet"
    return RecordsViewSet
