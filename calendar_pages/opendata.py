"""The calendar's open-data sets: facilities being commissioned (also as OC4IDS) and city events.

Every facility and event on the calendar is public; the sets carry what the calendar pages show,
never who recorded a replanning.
"""

import datetime

from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _

from calendar_pages.models import CityEvent, Facility, FacilityReplan, FacilityStatus, FacilityType
from portal.opendata import oc4ids
from portal.opendata.declaration import (
    Dataset,
    ExtraFormat,
    Field,
    FieldType,
    latest,
    record_addresses,
)
from portal.public_url import absolute

OPENED_ON = datetime.date(2026, 12, 1)
T = FieldType


def _facilities():
    return (
        Facility.objects.select_related("project_page")
        .annotate(replan_count=Count("replans"))
        .order_by("planned_on", "name", "pk")
    )


def _project_url(facility):
    project = facility.project_page
    url = project.url if project is not None and project.live else None
    return absolute(url) if url else None


def facility_rows():
    address = record_addresses(Facility)
    for facility in _facilities():
        yield {
            "id": facility.pk,
            "name": facility.name,
            "facility_type": facility.get_facility_type_display(),
            "district": facility.get_district_display(),
            "address": facility.address,
            "latitude": facility.latitude,
            "longitude": facility.longitude,
            "planned_on_original": facility.planned_on_original,
            "planned_on": facility.planned_on,
            "forecast_on": facility.forecast_on,
            "commissioned_on": facility.commissioned_on,
            "status": facility.get_status_display(),
            "progress": facility.progress,
            "lateness": facility.lateness.label,
            "replan_count": facility.replan_count,
            "department": facility.department,
            "contractor": facility.contractor,
            "budget": facility.budget,
            "description": facility.description,
            "project_url": _project_url(facility),
            "url": address(facility),
            "updated_at": facility.updated_at,
        }


def facilities_changed():
    return latest(
        Facility.objects.aggregate(at=Max("updated_at"))["at"],
        FacilityReplan.objects.aggregate(at=Max("recorded_at"))["at"],
    )


# OC4IDS projectSector (an open codelist) and projectStatus (a closed one) of each facility.
SECTORS = {
    FacilityType.SCHOOL: ["education"],
    FacilityType.KINDERGARTEN: ["education"],
    FacilityType.ROAD: ["transport", "transport.road"],
    FacilityType.PARK: ["cultureSportsAndRecreation"],
    FacilityType.SPORTS: ["cultureSportsAndRecreation"],
    FacilityType.HEALTHCARE: ["health"],
    FacilityType.CULTURE: ["cultureSportsAndRecreation"],
    FacilityType.UTILITIES: ["waterAndWaste"],
}
STATUSES = {
    FacilityStatus.PLANNED: "preparation",
    FacilityStatus.UNDER_CONSTRUCTION: "implementation",
    FacilityStatus.DELAYED: "implementation",
    FacilityStatus.COMMISSIONED: "completed",
}


def facility_projects():
    """Each facility as an OC4IDS project: the period runs to the current planned date, the
    budget (thousands of roubles in the calendar) in roubles, the department and the contractor
    as parties."""
    address = record_addresses(Facility)
    projects = []
    for facility in _facilities():
        project = {
            "id": f"{FACILITIES.identifier}-{facility.pk}",
            "updated": oc4ids.moment(facility.updated_at),
            "title": facility.name,
            "status": STATUSES[FacilityStatus(facility.status)],
            "sector": SECTORS[FacilityType(facility.facility_type)],
            "period": oc4ids.period(end=facility.planned_on),
            "locations": [_location(facility)],
            "parties": _parties(facility),
        }
        if facility.description:
            project["description"] = facility.description
        if facility.budget is not None:
            project["budget"] = {"amount": oc4ids.money(facility.budget * 1000)}
        if facility.commissioned_on:
            project["completion"] = {"endDate": oc4ids.moment(facility.commissioned_on)}
        url = address(facility)
        if url:
            project["documents"] = [oc4ids.web_page("page", facility.name, url)]
        projects.append(project)
    return projects


def _location(facility):
    location = {
        "id": "1",
        "description": facility.address,
        "address": oc4ids.sochi_address(facility.address),
    }
    if facility.latitude is not None and facility.longitude is not None:
        # GeoJSON order: longitude, latitude.
        coordinates = [float(facility.longitude), float(facility.latitude)]
        location["geometry"] = {"type": "Point", "coordinates": coordinates}
    return location


def _parties(facility):
    parties = [oc4ids.owner_party()]
    if facility.department:
        parties.append({"id": "department", "name": facility.department, "roles": ["buyer"]})
    if facility.contractor:
        parties.append({"id": "contractor", "name": facility.contractor, "roles": ["supplier"]})
    return parties


FACILITIES = Dataset(
    code="facilities",
    title=_("Facilities commissioned in Sochi"),
    description=_(
        "The city's calendar of facilities being commissioned (schools, kindergartens, roads, "
        "parks, sports, healthcare and culture facilities, utilities): planned and actual dates, "
        "progress, lateness against the original plan, budget and contractor."
    ),
    keywords=_("commissioning, facilities, construction, calendar, Sochi"),
    fields=(
        Field("id", _("Number of the facility on the portal"), T.INTEGER),
        Field("name", _("Name of the facility")),
        Field("facility_type", _("Type of facility")),
        Field("district", _("District of Sochi")),
        Field("address", _("Address")),
        Field("latitude", _("Latitude (WGS 84)"), T.FLOAT),
        Field("longitude", _("Longitude (WGS 84)"), T.FLOAT),
        Field("planned_on_original", _("Originally planned commissioning date"), T.DATE),
        Field("planned_on", _("Current planned commissioning date"), T.DATE),
        Field("forecast_on", _("Forecast commissioning date"), T.DATE),
        Field("commissioned_on", _("Actual commissioning date"), T.DATE),
        Field("status", _("Status")),
        Field("progress", _("Progress, percent"), T.INTEGER),
        Field("lateness", _("Against the original plan: on schedule, at risk, behind")),
        Field("replan_count", _("Number of changes of the planned date"), T.INTEGER),
        Field("department", _("Responsible department")),
        Field("contractor", _("Contractor")),
        Field("budget", _("Budget, thousand roubles"), T.FLOAT),
        Field("description", _("Description")),
        Field("project_url", _("Page of the municipal project"), T.URL),
        Field("url", _("Page of the facility on the portal"), T.URL),
        Field("updated_at", _("Last change of the record"), T.DATETIME),
    ),
    rows=facility_rows,
    last_changed=facilities_changed,
    created=OPENED_ON,
    structure_version=OPENED_ON,
    oc4ids=facility_projects,
    extra_formats=(ExtraFormat.map_layer("api-geo-facilities"),),
)


def event_rows():
    for event in CityEvent.objects.order_by("starts_at", "title", "pk"):
        yield {
            "id": event.pk,
            "title": event.title,
            "category": event.get_category_display(),
            "place": event.place,
            "starts_at": event.starts_at,
            "ends_at": event.ends_at,
            "description": event.description,
            "link_url": absolute(event.link_url) if event.link_url else None,
            "updated_at": event.updated_at,
        }


EVENTS = Dataset(
    code="city-events",
    title=_("City events in Sochi"),
    description=_(
        "Events of the city calendar: fairs, shelter pet exhibitions, charity events, stages of "
        "the contest of territorial self-government bodies, with their place and time."
    ),
    keywords=_("events, calendar, fairs, exhibitions, Sochi"),
    fields=(
        Field("id", _("Number of the event on the portal"), T.INTEGER),
        Field("title", _("Title")),
        Field("category", _("Category")),
        Field("place", _("Place")),
        Field("starts_at", _("Start"), T.DATETIME),
        Field("ends_at", _("End"), T.DATETIME),
        Field("description", _("Description")),
        Field("link_url", _("Page about the event"), T.URL),
        Field("updated_at", _("Last change of the record"), T.DATETIME),
    ),
    rows=event_rows,
    last_changed=lambda: CityEvent.objects.aggregate(at=Max("updated_at"))["at"],
    created=OPENED_ON,
    structure_version=OPENED_ON,
)

DATASETS = (FACILITIES, EVENTS)
