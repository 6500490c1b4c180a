"""Producers and fairs as GeoJSON (/api/v1/geo/producers/, /api/v1/geo/fairs/) for the section's
map. Producers: the published ones only (as the directory), chosen by the directory's filters
(PRODUCER_CATALOG), with their categories and address. Fairs: those the fair list's filter
(FairFilter) chooses, with their format, schedule in words and next fair day."""

from django.db.models import Min, OuterRef, Prefetch, Subquery
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.api.fields import NULLABLE_URI, ChoiceField, PageURLField
from portal.api.geojson import (
    catalog_records,
    filters_read,
    filterset_parameters,
    geojson_view,
)
from portal.geojson import located
from portal.public_url import absolute
from producers.filters import FairFilter
from producers.models import Fair, FairDay, FairSchedule, Producer
from producers.models.pages import ROUTE_PREFIXES
from producers.search import PRODUCER_CATALOG

INDEX_PAGE = Producer.index_page_type


class CategoryNameSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class ProducerPlaceSerializer(serializers.ModelSerializer):
    url = PageURLField()
    district = ChoiceField()
    categories = CategoryNameSerializer(many=True, read_only=True)

    class Meta:
        model = Producer
        fields = ["id", "name", "url", "district", "address", "categories"]


class FairPlaceSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    fair_format = ChoiceField()
    district = ChoiceField()
    schedule = serializers.SerializerMethodField(
        help_text="Расписание словами, по строке на каждую строку расписания"
    )
    next_day = serializers.DateField(
        read_only=True, allow_null=True, help_text="Ближайший день ярмарки, если назначен"
    )

    class Meta:
        model = Fair
        fields = [
            "id",
            "name",
            "url",
            "fair_format",
            "district",
            "address",
            "schedule",
            "next_day",
        ]

    @extend_schema_field(NULLABLE_URI)
    def get_url(self, fair):
        index_page = self.context.get("index_page")
        if index_page is None:
            return None
        return absolute(f"{index_page.url}{ROUTE_PREFIXES['fair']}{fair.slug}/")

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_schedule(self, fair):
        return [line.phrase() for line in fair.schedule.all()]


def located_producers(request):
    records = catalog_records(request, PRODUCER_CATALOG)
    return located(records)


def located_fairs(request):
    """Every fair with coordinates, or those of one ?district= (as the list of fairs)."""
    fairs = filters_read(FairFilter(request.GET, queryset=Fair.objects.all()))
    next_day = (
        FairDay.objects.filter(fair=OuterRef("pk"), date__gte=timezone.localdate())
        .order_by()
        .values("fair")
        .annotate(first=Min("date"))
        .values("first")
    )
    return (
        located(fairs)
        .annotate(next_day=Subquery(next_day))
        .prefetch_related(
            Prefetch("schedule", queryset=FairSchedule.objects.order_by("sort_order"))
        )
        .order_by("name", "pk")
    )


ProducersGeoJSON = geojson_view(
    name="Producers",
    records=located_producers,
    serializer=ProducerPlaceSerializer,
    index_page_type=INDEX_PAGE,
    parameters=filterset_parameters(PRODUCER_CATALOG.filterset_class, hidden=("view",)),
    description="Опубликованные производители с координатами, с фильтрами справочника.",
)
FairsGeoJSON = geojson_view(
    name="Fairs",
    records=located_fairs,
    serializer=FairPlaceSerializer,
    index_page_type=INDEX_PAGE,
    parameters=filterset_parameters(FairFilter),
    description="Муниципальные ярмарки с координатами: формат, расписание, ближайший день.",
)
