"""The facilities catalog on Elasticsearch: the document and how the calendar's filters read.

Every facility on the calendar is public; the document still carries only what the catalog
filters, sorts and searches on (no budget, contractor or who recorded a replanning).
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from elasticsearch_dsl import Date, Integer, Keyword, Q, Text

from calendar_pages.filters import UPCOMING, FacilityFilter, next_month
from calendar_pages.models import Facility, FacilityReplan
from portal.search.catalog import Catalog, Sort, term
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


def dates(value):
    """Upcoming: on the calendar today or later; past: before today (FacilityQuerySet)."""
    today = timezone.localdate().isoformat()
    return Q("range", calendar_on={"gte": today} if value == UPCOMING else {"lt": today})


def month_range(value):
    start, end = value.replace(day=1), next_month(value)
    return Q("range", calendar_on={"gte": start.isoformat(), "lt": end.isoformat()})


def year_range(value):
    year = int(value)
    start, end = datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1)
    return Q("range", calendar_on={"gte": start.isoformat(), "lt": end.isoformat()})


# Painless over the calendar date in epoch milliseconds, compared with today's midnight (UTC,
# as dates are indexed): upcoming before past, then upcoming nearest first, past latest first.
CALENDAR_DAY = "doc['calendar_on'].value.toInstant().toEpochMilli()"
IS_PAST = f"{CALENDAR_DAY} < params.today ? 1 : 0"
NEAREST_THEN_LATEST = f"long day = {CALENDAR_DAY}; return day < params.today ? -day : day;"


def upcoming_first():
    """FacilityQuerySet.upcoming_first() as Elasticsearch sort clauses, as of today."""
    today = datetime.datetime.combine(timezone.localdate(), datetime.time(), datetime.UTC)
    params = {"today": int(today.timestamp() * 1000)}
    return (
        *(
            {
                "_script": {
                    "type": "number",
                    "script": {"source": source, "params": params},
                    "order": "asc",
                }
            }
            for source in (IS_PAST, NEAREST_THEN_LATEST)
        ),
        "name.raw",
        "pk",
    )


def calendar_sort(data):
    """The calendar's order: without a month or a year, what opens next first and then the
    past; a chosen month or year in date order."""
    return "date" if data.get("month") or data.get("year") else "upcoming"


FACILITY_CATALOG = Catalog(
    name="facilities",
    filterset_class=FacilityFilter,
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
        "upcoming": Sort(
            _("What opens next"), lambda facilities: facilities.upcoming_first(), upcoming_first
        ),
    },
    default_sort="date",
    es_filters={
        "district": term("district"),
        "type": term("facility_type"),
        "status": term("status"),
        "when": dates,
        "month": month_range,
        "year": year_range,
    },
    es_facet_fields={"district": "district", "type": "facility_type", "status": "status"},
    text_fields=("name^3", "description", "address", "district_label"),
    sort_of=calendar_sort,
)
