"""A pet's status and an application's step change only along their tables, keep who and when,
and the consequences follow: unavailable pets close other applications, a handover marks the pet
adopted and plans the follow-up reminders."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from shelter.models import (
    PET_TRANSITIONS,
    TRANSITIONS,
    AdoptionApplication,
    PetStatus,
    Step,
)
from shelter.tasks import FOLLOW_UPS, send_follow_up_reminder
from tests.shelter.factories import ApplicationFactory, PetFactory

pytestmark = pytest.mark.django_db

# Sorted: the tables hold sets, and parallel test workers must collect the same order.
ALLOWED_PET = [(old, new) for old, targets in PET_TRANSITIONS.items() for new in sorted(targets)]
REFUSED_PET = [
    (old, new) for old in PetStatus for new in PetStatus if new not in PET_TRANSITIONS[old]
]
ALLOWED_STEPS = [(old, new) for old, targets in TRANSITIONS.items() for new in sorted(targets)]
REFUSED_STEPS = [(old, new) for old in Step for new in Step if new not in TRANSITIONS[old]]


@pytest.mark.parametrize(("old", "new"), ALLOWED_PET)
def test_allowed_pet_status_change_is_kept_with_who_and_when(old, new, admin_user):
    pet = PetFactory(status=old)
    change = pet.change_status(new, by=admin_user, note="осмотр")
    pet.refresh_from_db()
    assert pet.status == new
    assert (change.from_status, change.to_status, change.changed_by) == (old, new, admin_user)
    assert change.note == "осмотр"
    assert pet.status_changes.count() == 1


@pytest.mark.parametrize(("old", "new"), REFUSED_PET)
def test_refused_pet_status_change_changes_nothing(old, new):
    pet = PetFactory(status=old)
    with pytest.raises(ValidationError):
        pet.change_status(new)
    pet.refresh_from_db()
    assert pet.status == old
    assert not pet.status_changes.exists()


def at_step(step):
    """An application brought to `step` along the allowed path."""
    pet = PetFactory(status=PetStatus.LOOKING)
    application = ApplicationFactory(pet=pet)
    path = {
        Step.SUBMITTED: [],
        Step.SCREENING: [Step.SCREENING],
        Step.MEETING: [Step.SCREENING, Step.MEETING],
        Step.APPROVED: [Step.SCREENING, Step.MEETING, Step.APPROVED],
        Step.HANDOVER: [Step.SCREENING, Step.MEETING, Step.APPROVED, Step.HANDOVER],
        Step.FOLLOW_UP: [
            Step.SCREENING,
            Step.MEETING,
            Step.APPROVED,
            Step.HANDOVER,
            Step.FOLLOW_UP,
        ],
        Step.CLOSED: [Step.CLOSED],
    }[step]
    for next_step in path:
        application.advance(next_step, notify=False)
    return application


@pytest.mark.parametrize(("old", "new"), ALLOWED_STEPS)
def test_allowed_application_step_is_recorded_with_the_message(old, new, admin_user):
    application = at_step(old)
    event = application.advance(new, by=admin_user, message="Ждём вас в субботу")
    application.refresh_from_db()
    assert application.step == new
    assert (event.from_step, event.to_step, event.created_by) == (old, new, admin_user)
    assert application.events.last().message == "Ждём вас в субботу"


@pytest.mark.parametrize(("old", "new"), REFUSED_STEPS)
def test_refused_application_step_changes_nothing(old, new):
    application = at_step(old)
    events = application.events.count()
    with pytest.raises(ValidationError):
        application.advance(new)
    application.refresh_from_db()
    assert application.step == old
    assert application.events.count() == events


def test_each_step_emails_the_applicant_with_the_status_link(
    shelter_page, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(pet=PetFactory(name="Найда"))
    with django_capture_on_commit_callbacks(execute=True):
        application.start_screening(message="Изучаем анкету")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [application.email]
    assert "Изучаем анкету" in mail.outbox[0].body
    assert f"/shelter/applications/{application.token}/" in mail.outbox[0].body


def test_handover_marks_the_pet_adopted_and_closes_and_tells_the_other_applicants(
    shelter_page, django_capture_on_commit_callbacks
):
    winner = at_step(Step.APPROVED)
    pet = winner.pet
    others = [ApplicationFactory(pet=pet) for _ in range(2)]
    others[1].advance(Step.SCREENING, notify=False)
    with django_capture_on_commit_callbacks(execute=True):
        winner.hand_over(message="Поздравляем!")
    pet.refresh_from_db()
    assert pet.status == PetStatus.ADOPTED
    for other in others:
        other.refresh_from_db()
        assert other.step == Step.CLOSED
        assert pet.name in other.events.last().message
    told = {message.to[0] for message in mail.outbox}
    assert told == {winner.email, *(other.email for other in others)}


def test_pet_returned_to_owner_closes_open_applications():
    application = ApplicationFactory(pet=PetFactory(status=PetStatus.LOOKING))
    application.pet.change_status(PetStatus.RETURNED)
    application.refresh_from_db()
    assert application.step == Step.CLOSED


def test_handover_plans_three_follow_up_reminders_on_the_scheduled_backend():
    application = at_step(Step.APPROVED)
    application.hand_over()
    rows = DBTaskResult.objects.filter(task_path__endswith="send_follow_up_reminder")
    assert rows.count() == 3
    delays = sorted(row.run_after - application.handed_over_at for row in rows)
    assert delays == sorted(delay for delay, _label in FOLLOW_UPS.values())
    assert {row.backend_name for row in rows} == {"scheduled"}


def test_follow_up_reminder_mails_the_adopter(shelter_page, django_capture_on_commit_callbacks):
    application = at_step(Step.HANDOVER)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_follow_up_reminder.call(application.pk, "3w") is True
    assert mail.outbox[-1].to == [application.email]
    assert application.pet.name in mail.outbox[-1].subject


def test_follow_up_reminder_skips_anonymised_applications():
    application = at_step(Step.HANDOVER)
    application.anonymise()
    assert send_follow_up_reminder.call(application.pk, "3d") is False


def test_one_open_application_per_email_and_pet_is_enforced_by_the_database():
    first = ApplicationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(pet=first.pet, email=first.email.upper())


def test_a_closed_application_does_not_block_a_new_one():
    first = ApplicationFactory()
    first.close()
    ApplicationFactory(pet=first.pet, email=first.email)
    assert AdoptionApplication.objects.filter(pet=first.pet).count() == 2


def test_stale_and_late_listings_are_flagged_to_staff():
    now = timezone.now()
    stale = PetFactory(last_verified_at=now - datetime.timedelta(days=31))
    fresh = PetFactory(last_verified_at=now - datetime.timedelta(days=29))
    assert stale.needs_verification and not fresh.needs_verification
    late = PetFactory(
        status=PetStatus.FOUND,
        is_public=False,
        intake_on=timezone.localdate() - datetime.timedelta(days=4),
    )
    on_time = PetFactory(
        status=PetStatus.FOUND,
        is_public=False,
        intake_on=timezone.localdate() - datetime.timedelta(days=2),
    )
    assert late.is_late_for_publication and not on_time.is_late_for_publication
    from shelter.models import Pet

    assert list(Pet.objects.late_for_publication()) == [late]
    assert list(Pet.objects.not_verified_since()) == [stale]
