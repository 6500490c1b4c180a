"""Demo of the shelter's events and needs: sign-up settings of the shelter's demo events in the
city calendar (data/event_signups.csv, the last one full with a waiting list), a few sign-ups by
demo residents (who have no password) and «Нужды приюта» (data/needs.csv). Idempotent: settings
are matched by event, needs by title."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from calendar_pages.demo.loader import rows
from calendar_pages.models import CityEvent
from portal.consent import current as current_consent
from shelter.models import EventSignup, EventSignupSettings, ShelterNeed, SignupKind, SignupState

DROP_OFF_ADDRESS = "ул. Гастелло, 45, Сочи (вход со двора, склад приюта)"
DROP_OFF_HOURS = "ежедневно с 10:00 до 18:00"
RESIDENTS = [
    ("shelter-demo-1", "Ирина Белова", "irina.belova@example.com"),
    ("shelter-demo-2", "Тимур Гасанов", "timur.gasanov@example.com"),
    ("shelter-demo-3", "Светлана Орлова", "svetlana.orlova@example.com"),
    ("shelter-demo-4", "Павел Лазарев", "pavel.lazarev@example.com"),
]


def load_events_and_needs(page, data_dir, note):
    if not page.drop_off_address:
        page.drop_off_address, page.drop_off_hours = DROP_OFF_ADDRESS, DROP_OFF_HOURS
        page.save_revision().publish()
        note("drop-off address of the shelter")
    ensure_signup_settings(rows("event_signups.csv", data_dir), note)
    ensure_needs(rows("needs.csv", data_dir), note)


def ensure_signup_settings(data, note):
    events = {
        event.title: event
        for event in CityEvent.objects.filter(title__in=[r["title"] for r in data])
    }
    for row in data:
        event = events.get(row["title"])
        if event is None or EventSignupSettings.objects.filter(event=event).exists():
            continue
        signup_settings = EventSignupSettings.objects.create(
            event=event,
            visitor_places=int(row["visitor_places"]),
            volunteer_places=int(row["volunteer_places"]),
        )
        note(f"sign-ups for «{event.title}»")
        add_signups(signup_settings)


def residents():
    user_model = get_user_model()
    users = []
    for username, name, email in RESIDENTS:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_user(username=username, email=email)
            EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        users.append((user, name))
    return users


def add_signups(signup_settings):
    """Visitors in the order they came: those past the capacity wait (no letters in the demo)."""
    consent, now = current_consent("event_signup"), timezone.now()
    for number, (user, name) in enumerate(residents()):
        kind = SignupKind.VISITOR
        if number == len(RESIDENTS) - 1 and signup_settings.volunteer_places:
            kind = SignupKind.VOLUNTEER
        taken = EventSignup.objects.filter(
            event=signup_settings.event, role=kind, state=SignupState.CONFIRMED
        ).count()
        EventSignup.objects.create(
            event=signup_settings.event,
            role=kind,
            user=user,
            name=name,
            email=user.email,
            consent_version=consent.version,
            consented_at=now,
            state=SignupState.CONFIRMED
            if taken < signup_settings.places(kind)
            else SignupState.WAITING,
            created_at=now,
        )


def ensure_needs(data, note):
    existing = set(ShelterNeed.objects.values_list("title", flat=True))
    for order, row in enumerate(data):
        if row["title"] in existing:
            continue
        ShelterNeed.objects.create(
            title=row["title"],
            category=row["category"],
            unit=row["unit"],
            quantity_needed=int(row["quantity_needed"]),
            quantity_received=int(row["quantity_received"]),
            note=row["note"],
            sort_order=order * 10,
        )
        note(f"shelter need «{row['title']}»")
