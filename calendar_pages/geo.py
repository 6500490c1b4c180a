"""Facilities as GeoJSON (/api/v1/geo/facilities/): every facility of the calendar that has
coordinates, chosen by the calendar's own filters (FACILITY_CATALOG), in calendar order, with
the facts a map's popup shows: type, district, status, the lateness flag and the dates."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from calendar_pages.models import Facility, Lateness, lateness_of
from calendar_pages.search import FACILITY_CATALOG
from portal.api.fields import ChoiceField, LabelledChoiceSerializer, PageURLField
from portal.api.geojson import catalog_records, filterset_parameters, geojson_view
from portal.geojson import located


class FacilityPlaceSerializer(serializers.ModelSerializer):
    url = PageURLField()
    facility_type = ChoiceField()
    district = ChoiceField()
    status = ChoiceField()
    lateness = serializers.SerializerMethodField(
        help_text="Отметка срока: green — в срок, amber — под угрозой, red — с опозданием"
    )

    class Meta:
        model = Facility
        fields = [
            "id",
            "name",
            "url",
            "facility_type",
            "district",
            "address",
            "status",
            "progress",
            "lateness",
            "planned_on_original",
            "planned_on",
            "forecast_on",
            "commissioned_on",
        ]

    @extend_schema_field(LabelledChoiceSerializer)
    def get_lateness(self, facility):
        flag = Lateness(lateness_of(facility))
        return {"value": flag.value, "label": str(flag.label)}


def located_facilities(request):
    return located(catalog_records(request, FACILITY_CATALOG))


FacilitiesGeoJSON = geojson_view(
    name="Facilities",
    records=located_facilities,
    serializer=FacilityPlaceSerializer,
    index_page_type=Facility.index_page_type,
    parameters=filterset_parameters(FACILITY_CATALOG.filterset_class, hidden=("view",)),
    description="Объекты календаря ввода с координатами, с фильтрами календаря (как /calendar/).",
)
