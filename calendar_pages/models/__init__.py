"""The commissioning calendar: facilities with their public replanning history, city events and
the calendar page that shows both."""

from calendar_pages.models.events import CityEvent, EventCategory
from calendar_pages.models.facilities import (
    District,
    Facility,
    FacilityPhoto,
    FacilityQuerySet,
    FacilityReplan,
    FacilityStatus,
    FacilityType,
    Lateness,
    PhotoKind,
    lateness_of,
    upcoming_facilities,
)
from calendar_pages.models.pages import CalendarIndexPage
from calendar_pages.models.subscriptions import CalendarSubscription

__all__ = [
    "CalendarIndexPage",
    "CalendarSubscription",
    "CityEvent",
    "District",
    "EventCategory",
    "Facility",
    "FacilityPhoto",
    "FacilityQuerySet",
    "FacilityReplan",
    "FacilityStatus",
    "FacilityType",
    "Lateness",
    "PhotoKind",
    "lateness_of",
    "upcoming_facilities",
]
