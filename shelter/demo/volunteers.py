"""Demo content of the volunteer programme: upcoming shifts from data/volunteer_shifts.csv (days
counted from today, so the demo always has a schedule) and one accepted volunteer signed up for
the first of them. Idempotent: shifts are matched by title, the volunteer by e-mail."""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from calendar_pages.demo.loader import rows
from portal.consent import current as current_consent
from shelter.models import ShiftSignup, VolunteerApplication, VolunteerShift, VolunteerState

VOLUNTEER_EMAIL = "volunteer@sochi.example"


def ensure_shifts(data_dir, note):
    today = timezone.localdate()
    shifts = []
    for row in rows("volunteer_shifts.csv", data_dir):
        shift = VolunteerShift.objects.filter(title=row["title"]).first()
        if shift is None:
            day = today + datetime.timedelta(days=int(row["in_days"]))
            starts = timezone.make_aware(
                datetime.datetime.combine(day, datetime.time.fromisoformat(row["starts"]))
            )
            shift = VolunteerShift.objects.create(
                title=row["title"],
                place=row["place"],
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=int(row["hours"])),
                places=int(row["places"]),
                note=row["note"],
            )
            note(f"volunteer shift «{shift.title}»")
        shifts.append(shift)
    return shifts


def ensure_volunteer(shifts, note):
    """An accepted volunteer (no password: cannot sign in) on the first shift."""
    user_model = get_user_model()
    if user_model.objects.filter(email=VOLUNTEER_EMAIL).exists():
        return
    user = user_model.objects.create_user(username="volunteer", email=VOLUNTEER_EMAIL)
    EmailAddress.objects.create(user=user, email=VOLUNTEER_EMAIL, verified=True, primary=True)
    VolunteerApplication.objects.create(
        user=user,
        full_name="Анна Смирнова",
        phone="+79181112233",
        birth_date=datetime.date(1998, 4, 12),
        skills=["walking_dogs", "photography"],
        availability=["weekends", "evenings"],
        experience="Два года помогала в приюте в Краснодаре.",
        consent_version=current_consent("volunteer").version,
        consented_at=timezone.now(),
        state=VolunteerState.ACCEPTED,
        decided_at=timezone.now(),
    )
    if shifts:
        ShiftSignup.objects.create(shift=shifts[0], user=user)
    note(f"accepted volunteer {VOLUNTEER_EMAIL}")
