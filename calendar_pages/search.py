"""The facilities catalog on Elasticsearch: the document and how the calendar's filters read.

Every facility on the calendar is public; the document still carries only what the catalog
filters, sorts and searches on (no budget, contractor or who recorded a replanning).
"""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _
from elasticsearch_dsl import Date, Integer, Keyword, Q, Text

from calendar_pages.filters import FacilityFilter, next_month
from calendar_pages.models import Facility, FacilityReplan
from portal.search.catalog import Catalog, Sort
from portal.search.es.analysis import russian
from portal.search.es.documents import CatalogDocument


class FacilityDocument(CatalogDocument):
    name = Text(analyzer=russian, fields={"raw": Keyword()})
    slug = Keyword()
    facility_type = Keyword()
    district = Keyword()
    district_label = Text(analyzer=russian)
    address = Text(analyzer=russian)
    description = Text(analyzer=russian)
    status = Keyword()
    progress = Integer()
    planned_on_original = Date()
    planned_on = Date()
    forecast_on = Date()
    commissioned_on = Date()
    calendar_on = Date()

    django_model = Facility
    # A replanning moves the planned date with an UPDATE, not a save of the facility.
    related_models = {FacilityReplan: lambda replan: [replan.facility_id]}

    class Index:
        name = "facilities"

    @classmethod
    def public_queryset(cls):
        return Facility.objects.all()

    def prepare_district_label(self, facility):
        return str(facility.get_district_display())

    def prepare_calendar_on(self, facility):
        return facility.calendar_date


class FacilityCatalogFilter(FacilityFilter):
    """The calendar's filters without its list/grid switch, which is no filter."""

    class Meta(FacilityFilter.Meta):
        form = forms.Form


def month_range(value):
    start, end = value.replace(day=1), next_month(value)
    return Q("range", calendar_on={"gte": start.isoformat(), "lt": end.isoformat()})


def year_range(value):
    year = int(value)
    start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    return Q("range", calendar_on={"gte": start.isoformat(), "lt": end.isoformat()})


def term(field):
    return lambda value: Q("term", **{field: value})


FACILITY_CATALOG = Catalog(
    name="facilities",
    filterset_class=FacilityCatalogFilter,
    queryset=lambda: Facility.objects.for_calendar(),
    document=FacilityDocument,
    facets=("district", "type", "status"),
    sorts={
        "date": Sort(
            _("Calendar date"), ("calendar_on", "name", "pk"), ("calendar_on", "name.raw", "pk")
        ),
        "name": Sort(_("Name"), ("name", "pk"), ("name.raw", "pk")),
        "progress": Sort(
            _("Progress"), ("-progress", "calendar_on", "pk"), ("-progress", "calendar_on", "pk")
        ),
    },
    default_sort="date",
    es_filters={
        "district": term("district"),
        "type": term("facility_type"),
        "status": term("status"),
        "month": month_range,
        "year": year_range,
    },
    es_facet_fields={"district": "district", "type": "facility_type", "status": "status"},
    text_fields=("name^3", "description", "address", "district_label"),
)
