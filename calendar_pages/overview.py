"""The calendar's overview by district: how many facilities each of Sochi's four districts has
among those the calendar shows, and how many of them are behind schedule or at risk, drawn by
the server on the districts' schematic shapes (portal.district_map) and told in a table."""

from dataclasses import dataclass
from types import SimpleNamespace

from django.utils import timezone

from calendar_pages.models import Lateness, lateness_of
from portal.district_map import drawing

# What lateness_of reads: one query of these columns, whatever the number of facilities.
LATENESS_FIELDS = (
    "district",
    "commissioned_on",
    "planned_on_original",
    "planned_on",
    "forecast_on",
    "progress",
)


@dataclass
class DistrictCount:
    district: object  # portal.district_map.DrawnDistrict
    total: int = 0
    late: int = 0
    at_risk: int = 0


def district_overview(facilities, today=None):
    """The drawing and a count per district (in the districts' order) of `facilities`."""
    today = today or timezone.localdate()
    picture = drawing()
    counts = {shape.value: DistrictCount(shape) for shape in picture.districts}
    rows = facilities.order_by().values_list(*LATENESS_FIELDS)
    for row in rows:
        facility = SimpleNamespace(**dict(zip(LATENESS_FIELDS, row, strict=True)))
        count = counts.get(facility.district)
        if count is None:
            continue
        count.total += 1
        flag = lateness_of(facility, today)
        if flag == Lateness.RED:
            count.late += 1
        elif flag == Lateness.AMBER:
            count.at_risk += 1
    return {"drawing": picture, "districts": list(counts.values())}
