"""Facilities through the API (/api/v1/facilities/): the calendar's filters, sorts, text search
and facet counts (calendar_pages.search.FACILITY_CATALOG), the planned and actual dates, and every
replanning with its reason, as the facility's page shows them. Not who recorded a replanning.

City events through the API (/api/v1/events/): every event the calendar shows (fair days,
shelter exhibitions, contest stages…), by the calendar's dates (?when=&month=&year=, read as
the calendar reads them for its events) and by category."""

from django.db.models import Prefetch, prefetch_related_objects
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from calendar_pages.filters import CityEventFilter
from calendar_pages.models import CityEvent, Facility, FacilityReplan
from calendar_pages.search import FACILITY_CATALOG
from portal.api.catalogs import catalog_viewset
from portal.api.fields import NULLABLE_URI, ChoiceField, PageURLField
from portal.api.lists import records_viewset
from portal.public_url import absolute


class ReplanSerializer(serializers.ModelSerializer):
    class Meta:
        model = FacilityReplan
        fields = [
            "previous_planned_on",
            "new_planned_on",
            "reason",
            "document_reference",
            "recorded_at",
        ]


class FacilitySerializer(serializers.ModelSerializer):
    url = PageURLField()
    facility_type = ChoiceField()
    district = ChoiceField()
    status = ChoiceField()
    calendar_on = serializers.DateField(
        read_only=True, help_text="Дата в календаре: фактическая, а до ввода — плановая"
    )
    project = serializers.SerializerMethodField()
    replans = ReplanSerializer(many=True, read_only=True)

    class Meta:
        model = Facility
        fields = [
            "id",
            "url",
            "name",
            "slug",
            "facility_type",
            "district",
            "address",
            "planned_on_original",
            "planned_on",
            "forecast_on",
            "commissioned_on",
            "calendar_on",
            "status",
            "progress",
            "department",
            "contractor",
            "budget",
            "description",
            "project",
            "replans",
        ]

    @extend_schema_field(NULLABLE_URI)
    def get_project(self, facility):
        project = facility.project_page
        if project is None or not project.live:
            return None
        return absolute(project.url)


def with_replans(facilities):
    prefetch_related_objects(
        facilities,
        "project_page",
        Prefetch("replans", queryset=FacilityReplan.objects.order_by("recorded_at", "pk")),
    )
    return facilities


FacilityViewSet = catalog_viewset(
    FACILITY_CATALOG, FacilitySerializer, name="Facility", prepare=with_replans
)


class CityEventSerializer(serializers.ModelSerializer):
    category = ChoiceField()
    url = serializers.SerializerMethodField(help_text="Страница события: ярмарки, выставки…")
    display_title = serializers.CharField(
        read_only=True, help_text="Название, как в календаре: без повтора вида события"
    )

    class Meta:
        model = CityEvent
        fields = [
            "id",
            "title",
            "display_title",
            "category",
            "place",
            "starts_at",
            "ends_at",
            "description",
            "url",
            "updated_at",
        ]
        extra_kwargs = {
            "ends_at": {"help_text": "Окончание; null — событие без времени окончания"},
        }

    @extend_schema_field(NULLABLE_URI)
    def get_url(self, event):
        return absolute(event.link_url) if event.link_url else None


def calendar_events():
    return CityEvent.objects.order_by("starts_at", "pk")


CityEventViewSet = records_viewset(
    name="CityEvent",
    queryset=calendar_events,
    serializer=CityEventSerializer,
    filterset_class=CityEventFilter,
)
