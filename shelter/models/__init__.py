"""The shelter: pets with their kept status history, adoption applications that applicants follow
on a private page, "new arrivals" subscriptions and the routable catalog page."""

from shelter.models.applications import (
    APPLICANT_DISTRICTS,
    OPEN_STEPS,
    TIMELINE,
    TRANSITIONS,
    AdoptionApplication,
    ApplicationEvent,
    Housing,
    Step,
    close_open_applications,
    submit_application,
)
from shelter.models.events import (
    SHELTER_EVENT_CATEGORIES,
    EventSignup,
    EventSignupSettings,
    NeedCategory,
    ShelterNeed,
    SignupKind,
    SignupState,
)
from shelter.models.favourites import FavouritePet
from shelter.models.pages import ShelterIndexPage
from shelter.models.pets import (
    CATALOG_STATUSES,
    PET_TRANSITIONS,
    UNAVAILABLE_STATUSES,
    AgeGroup,
    Coat,
    Colour,
    Compatibility,
    Pet,
    PetPhoto,
    PetStatus,
    PetStatusChange,
    Sex,
    Size,
    Species,
    born_between,
)
from shelter.models.subscriptions import Subscription

__all__ = [
    "SHELTER_EVENT_CATEGORIES",
    "EventSignup",
    "EventSignupSettings",
    "NeedCategory",
    "ShelterNeed",
    "SignupKind",
    "SignupState",
    "CATALOG_STATUSES",
    "OPEN_STEPS",
    "PET_TRANSITIONS",
    "TIMELINE",
    "TRANSITIONS",
    "UNAVAILABLE_STATUSES",
    "AdoptionApplication",
    "AgeGroup",
    "ApplicationEvent",
    "Coat",
    "Colour",
    "Compatibility",
    "FavouritePet",
    "APPLICANT_DISTRICTS",
    "Housing",
    "Pet",
    "PetPhoto",
    "PetStatus",
    "PetStatusChange",
    "Sex",
    "ShelterIndexPage",
    "Size",
    "Species",
    "Step",
    "Subscription",
    "born_between",
    "close_open_applications",
    "submit_application",
]

# The volunteer programme (shelter.volunteering holds its sign-up rules).
from shelter.models.volunteers import (  # noqa: E402
    ShiftSignup,
    VolunteerApplication,
    VolunteerShift,
    VolunteerState,
)

__all__ += ["ShiftSignup", "VolunteerApplication", "VolunteerShift", "VolunteerState"]
