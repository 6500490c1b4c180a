"""Sign-ups arriving at the same moment, on PostgreSQL (real concurrent transactions): a shift is
never overbooked, and one volunteer never ends up on overlapping shifts or over the cap.

SQLite serialises writers on one file lock, so these races cannot happen there and the tests are
skipped on it: run them with DATABASE_URL=postgres://… (CI does).
"""

import datetime

from django.utils import timezone

from shelter import volunteering
from shelter.models import ShiftSignup
from shelter.volunteering import VolunteeringError
from tests.races import POSTGRES_RACES, run_together
from tests.shelter.volunteer_factories import VolunteerApplicationFactory, VolunteerShiftFactory

pytestmark = POSTGRES_RACES


def upcoming_shift(hours=48, length=3, places=3):
    starts = timezone.now() + datetime.timedelta(hours=hours)
    return VolunteerShiftFactory(
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=length), places=places
    )


def test_thirty_volunteers_at_once_fill_three_places_and_no_more():
    shift = upcoming_shift(places=3)
    volunteers = [VolunteerApplicationFactory().user for _ in range(30)]
    outcomes = run_together(30, lambda number: volunteering.sign_up(volunteers[number], shift.pk))
    taken = [outcome for outcome in outcomes if isinstance(outcome, ShiftSignup)]
    full = [outcome for outcome in outcomes if isinstance(outcome, VolunteeringError)]
    assert len(taken) == 3 and len(full) == 27, outcomes
    assert ShiftSignup.objects.filter(shift=shift).count() == 3


def test_one_volunteer_clicking_twenty_times_gets_one_signup():
    shift = upcoming_shift(places=10)
    volunteer = VolunteerApplicationFactory().user
    outcomes = run_together(20, lambda number: volunteering.sign_up(volunteer, shift.pk))
    assert sum(isinstance(outcome, ShiftSignup) for outcome in outcomes) == 1, outcomes
    assert ShiftSignup.objects.filter(user=volunteer).count() == 1


def test_overlapping_shifts_at_once_give_one_of_them():
    volunteer = VolunteerApplicationFactory().user
    shifts = [upcoming_shift(hours=48 + number % 2) for number in range(10)]
    outcomes = run_together(10, lambda number: volunteering.sign_up(volunteer, shifts[number].pk))
    assert sum(isinstance(outcome, ShiftSignup) for outcome in outcomes) == 1, outcomes
    assert ShiftSignup.objects.filter(user=volunteer).count() == 1


def test_the_cap_holds_under_simultaneous_signups(settings):
    settings.SHELTER_VOLUNTEER_MAX_UPCOMING_SHIFTS = 4
    volunteer = VolunteerApplicationFactory().user
    shifts = [upcoming_shift(hours=24 * (number + 1)) for number in range(12)]
    outcomes = run_together(12, lambda number: volunteering.sign_up(volunteer, shifts[number].pk))
    assert sum(isinstance(outcome, ShiftSignup) for outcome in outcomes) == 4, outcomes
    assert ShiftSignup.objects.filter(user=volunteer).count() == 4
