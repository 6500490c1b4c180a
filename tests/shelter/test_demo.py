"""The demo loader fills the shelter once, in every status."""

import pytest

from shelter.demo import loader as demo
from shelter.models import AdoptionApplication, Pet, PetStatus, ShelterIndexPage, Step

pytestmark = pytest.mark.django_db


def test_demo_makes_60_pets_in_every_status_with_applications_and_is_idempotent(home):
    notes = []
    demo.load_demo(home, notes.append)
    assert Pet.objects.count() == 60
    assert set(Pet.objects.values_list("status", flat=True)) == set(PetStatus.values)
    assert all(pet.photos.exists() for pet in Pet.objects.all())
    steps = set(AdoptionApplication.objects.values_list("step", flat=True))
    assert {Step.SUBMITTED, Step.SCREENING, Step.MEETING, Step.APPROVED, Step.CLOSED} <= steps
    assert ShelterIndexPage.objects.live().count() == 1
    again = []
    demo.load_demo(home, again.append)
    assert again == []
    assert Pet.objects.count() == 60


def test_demo_has_upcoming_shifts_and_one_accepted_volunteer_on_one(home):
    from shelter.models import ShiftSignup, VolunteerApplication, VolunteerShift, VolunteerState

    demo.load_demo(home, [].append)
    assert VolunteerShift.objects.upcoming().count() >= 5
    volunteer = VolunteerApplication.objects.get()
    assert volunteer.state == VolunteerState.ACCEPTED
    assert ShiftSignup.objects.filter(user=volunteer.user).count() == 1
    demo.load_demo(home, [].append)
    assert VolunteerShift.objects.count() == 7 and VolunteerApplication.objects.count() == 1
