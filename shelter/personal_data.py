"""What the shelter keeps about a person (portal.personal_data): adoption applications (by the
account or a confirmed address, those sent before signing up included), favourite pets and
"new arrivals" subscriptions."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.personal_data import Holding, outside, record, register
from shelter.models import (
    OPEN_STEPS,
    AdoptionApplication,
    ApplicationEvent,
    EventSignup,
    FavouritePet,
    Pet,
    PetStatusChange,
    ShelterIndexPage,
    ShiftSignup,
    SignupState,
    Subscription,
    VolunteerApplication,
)

APPLICATION_FIELDS = (
    "pet",
    "applicant",
    "name",
    "phone",
    "email",
    "district",
    "housing",
    "other_animals",
    "experience",
    "message",
    "consent_version",
    "consented_at",
    "step",
    "staff_notes",
    "submitted_at",
    "handed_over_at",
    "closed_at",
)
EVENT_FIELDS = ("to_step", "message", "created_at")
FAVOURITE_FIELDS = ("user", "pet", "added_at")
SUBSCRIPTION_FIELDS = (
    "email",
    "query",
    "consent_version",
    "consented_at",
    "created_at",
    "confirmed_at",
    "unsubscribed_at",
    "last_sent_at",
)
STAFF_SIGNATURE = "the staff member who did it: a record of their work"


def _applications(person):
    mine = Q(email__in=person.emails)
    if person.user is not None:
        mine |= Q(applicant=person.user)
    return AdoptionApplication.objects.filter(mine, anonymised_at__isnull=True)


def export_applications(person):
    applications = _applications(person).select_related("pet", "applicant")
    events = ApplicationEvent.objects.filter(application__in=_applications(person))
    return [record(application, APPLICATION_FIELDS) for application in applications] + [
        record(event, EVENT_FIELDS) for event in events
    ]


def erase_applications(person):
    """An application in progress is withdrawn (closed), then every one is anonymised."""
    message = _("The applicant deleted their account: the application is withdrawn.")
    for application in _applications(person).filter(step__in=OPEN_STEPS).select_related("pet"):
        application.close(message=message, notify=False)
    for application in _applications(person):
        application.anonymise()


def applications_section(person):
    applications = list(_applications(person).select_related("pet"))
    if not applications:
        return None
    return {"applications": applications, "shelter": person.section_page(ShelterIndexPage)}


def _favourites(person):
    return person.accounts_rows(FavouritePet.objects, "user").select_related("pet", "user")


def favourites_section(person):
    favourites = list(_favourites(person).filter(pet__published_at__isnull=False))
    return (
        {"favourites": favourites, "shelter": person.section_page(ShelterIndexPage)}
        if favourites
        else None
    )


def _subscriptions(person):
    return Subscription.objects.filter(email__in=person.emails)


def subscriptions_section(person):
    subscriptions = list(_subscriptions(person).filter(unsubscribed_at__isnull=True))
    return (
        {"subscriptions": subscriptions, "shelter": person.section_page(ShelterIndexPage)}
        if subscriptions
        else None
    )


register(
    Holding(
        code="shelter.applications",
        title=gettext_lazy("Adoption applications"),
        on_deletion=gettext_lazy(
            "An application still in progress is withdrawn: the shelter sees it closed. Then every "
            "application loses your name, phone, e-mail and what you wrote; the shelter keeps only "
            "its steps and dates, for statistics, as it does with every application after the "
            "retention period."
        ),
        fields={AdoptionApplication: APPLICATION_FIELDS, ApplicationEvent: EVENT_FIELDS},
        kept_out={
            AdoptionApplication: {
                "id": "the row's number",
                "token": "the secret key of the status page, linked from the profile",
                "anonymised_at": "always empty while the application is yours",
            },
            ApplicationEvent: {
                "id": "the row's number",
                "application": "the application above",
                "from_step": "the step before, which the previous event names",
                "created_by": STAFF_SIGNATURE,
            },
        },
        export=export_applications,
        erase=erase_applications,
        template="shelter/profile/applications.html",
        section=applications_section,
        order=20,
    ),
    Holding(
        code="shelter.favourites",
        title=gettext_lazy("Favourite pets"),
        on_deletion=gettext_lazy("Your list of favourite pets is deleted."),
        fields={FavouritePet: FAVOURITE_FIELDS},
        kept_out={FavouritePet: {"id": "the row's number"}},
        export=lambda person: [record(row, FAVOURITE_FIELDS) for row in _favourites(person)],
        erase=lambda person: _favourites(person).delete(),
        template="shelter/profile/favourites.html",
        section=favourites_section,
        order=40,
    ),
    Holding(
        code="shelter.subscriptions",
        title=gettext_lazy("“New arrivals” subscriptions"),
        on_deletion=gettext_lazy(
            "Subscriptions to your confirmed addresses are cancelled and deleted: this withdraws "
            "your consent to the mailing."
        ),
        fields={Subscription: SUBSCRIPTION_FIELDS},
        kept_out={
            Subscription: {
                "id": "the row's number",
                "token": "the secret key of the confirm and unsubscribe links",
            }
        },
        export=lambda person: [record(row, SUBSCRIPTION_FIELDS) for row in _subscriptions(person)],
        erase=lambda person: _subscriptions(person).delete(),
        template="shelter/profile/subscriptions.html",
        section=subscriptions_section,
        order=50,
    ),
)
outside(Pet, {"name": "the pet's name", "curator": STAFF_SIGNATURE})
outside(PetStatusChange, {"changed_by": STAFF_SIGNATURE})


# Sign-ups for the shelter's events (shelter.event_signups).
SIGNUP_FIELDS = (
    "event",
    "role",
    "user",
    "name",
    "phone",
    "email",
    "consent_version",
    "consented_at",
    "state",
    "created_at",
    "promoted_at",
    "cancelled_at",
    "reminded_at",
)


def _signups(person):
    return person.accounts_rows(EventSignup.objects, "user").select_related("event")


def erase_signups(person):
    """An active sign-up is cancelled first, so its place goes to the first waiting; then every
    sign-up of the person is deleted."""
    from shelter.event_signups import cancel

    for signup in _signups(person).filter(state__in=[SignupState.CONFIRMED, SignupState.WAITING]):
        cancel(signup, notify=False)
    _signups(person).delete()


def signups_section(person):
    signups = list(_signups(person).order_by("-event__starts_at", "-pk"))
    return (
        {"signups": signups, "shelter": person.section_page(ShelterIndexPage)} if signups else None
    )


# --- the volunteer programme -----------------------------------------------------------------

VOLUNTEER_FIELDS = (
    "user",
    "full_name",
    "phone",
    "birth_date",
    "skills",
    "skills_other",
    "availability",
    "availability_note",
    "experience",
    "guardian_name",
    "guardian_phone",
    "guardian_consent",
    "consent_version",
    "consented_at",
    "state",
    "refusal_reason",
    "submitted_at",
    "decided_at",
)
SHIFT_SIGNUP_FIELDS = ("shift", "user", "created_at", "cancelled_at")


def _volunteer_applications(person):
    return person.accounts_rows(VolunteerApplication.objects, "user")


def _shift_signups(person):
    return person.accounts_rows(ShiftSignup.objects, "user").select_related("shift")


def export_volunteering(person):
    return [record(row, VOLUNTEER_FIELDS) for row in _volunteer_applications(person)] + [
        record(row, SHIFT_SIGNUP_FIELDS) for row in _shift_signups(person)
    ]


def erase_volunteering(person):
    """Deleted, not anonymised: a volunteer's roster serves no statistics, and a deleted sign-up
    frees its place on an upcoming shift."""
    _shift_signups(person).delete()
    _volunteer_applications(person).delete()


def volunteering_section(person):
    applications = list(_volunteer_applications(person)[:1])
    if not applications:
        return None
    signups = list(
        _shift_signups(person).filter(cancelled_at__isnull=True).order_by("-shift__starts_at")
    )
    return {
        "application": applications[0],
        "signups": signups,
        "shelter": person.section_page(ShelterIndexPage),
    }


register(
    Holding(
        code="shelter.event_signups",
        title=gettext_lazy("Sign-ups for shelter events"),
        on_deletion=gettext_lazy(
            "Your sign-ups are cancelled (your places go to those on the waiting list) and deleted."
        ),
        fields={EventSignup: SIGNUP_FIELDS},
        kept_out={
            EventSignup: {
                "id": "the row's number",
                "token": "the secret key of the cancellation link, linked from the profile",
            }
        },
        export=lambda person: [record(row, SIGNUP_FIELDS) for row in _signups(person)],
        erase=erase_signups,
        template="shelter/profile/event_signups.html",
        section=signups_section,
        order=45,
    ),
)
outside(ShelterIndexPage, {"drop_off_address": "the shelter's own address, where help is brought"})
register(
    Holding(
        code="shelter.volunteers",
        title=gettext_lazy("Volunteering at the shelter"),
        on_deletion=gettext_lazy(
            "Your volunteer applications and shift sign-ups are deleted; your places on upcoming "
            "shifts become free."
        ),
        fields={VolunteerApplication: VOLUNTEER_FIELDS, ShiftSignup: SHIFT_SIGNUP_FIELDS},
        kept_out={
            VolunteerApplication: {"id": "the row's number", "decided_by": STAFF_SIGNATURE},
            ShiftSignup: {"id": "the row's number"},
        },
        export=export_volunteering,
        erase=erase_volunteering,
        template="shelter/profile/volunteering.html",
        section=volunteering_section,
        order=30,
    ),
)
