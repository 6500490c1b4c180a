"""Sign-ups for shelter events: places, the waiting list moving up, cancellation, reminders."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from portal.consent import current as current_consent
from shelter.event_signups import (
    AlreadySignedUpError,
    SignupError,
    cancel,
    places_left,
    send_reminders,
    sign_up,
    waiting_position,
)
from shelter.models import EventSignup, SignupKind, SignupState
from tests.accounts.factories import make_user
from tests.shelter.event_factories import ShelterEventFactory, SignupSettingsFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def signup_settings():
    return SignupSettingsFactory(visitor_places=2, volunteer_places=1)


def resident(name):
    return make_user(name, email_verified=True)


def join(signup_settings, user, kind=SignupKind.VISITOR):
    return sign_up(
        signup_settings,
        user,
        kind=kind,
        name=user.username,
        consent=current_consent("event_signup"),
    )


def test_places_are_confirmed_until_full_then_the_waiting_list_fills_in_order(signup_settings):
    first, second, third, fourth = (join(signup_settings, resident(f"r{n}")) for n in range(4))
    assert [first.state, second.state] == [SignupState.CONFIRMED] * 2
    assert [third.state, fourth.state] == [SignupState.WAITING] * 2
    assert [waiting_position(third), waiting_position(fourth)] == [1, 2]
    assert places_left(signup_settings) == {"visitor": 0, "volunteer": 1}


def test_volunteer_places_are_counted_apart_from_visitors(signup_settings):
    join(signup_settings, resident("v1"))
    join(signup_settings, resident("v2"))
    volunteer = join(signup_settings, resident("vol"), kind=SignupKind.VOLUNTEER)
    assert volunteer.state == SignupState.CONFIRMED


def test_an_event_without_volunteer_places_refuses_volunteers():
    signup_settings = SignupSettingsFactory(volunteer_places=0)
    with pytest.raises(SignupError) as refusal:
        join(signup_settings, resident("vol"), kind=SignupKind.VOLUNTEER)
    assert refusal.value.status == 400


def test_second_sign_up_by_same_person_is_refused(signup_settings):
    user = resident("twice")
    join(signup_settings, user)
    with pytest.raises(AlreadySignedUpError):
        join(signup_settings, user, kind=SignupKind.VOLUNTEER)
    assert EventSignup.objects.filter(user=user).count() == 1


def test_an_unconfirmed_email_cannot_sign_up(signup_settings):
    with pytest.raises(SignupError) as refusal:
        join(signup_settings, make_user("unconfirmed"))
    assert refusal.value.status == 403
    assert not EventSignup.objects.exists()


def test_closed_sign_ups_are_refused():
    signup_settings = SignupSettingsFactory(closes_at=timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(SignupError, match="закрыта|closed"):
        join(signup_settings, resident("late"))


def test_a_cancellation_moves_the_first_waiting_up_and_mails_them(
    signup_settings, django_capture_on_commit_callbacks
):
    confirmed = join(signup_settings, resident("a"))
    join(signup_settings, resident("b"))
    first_waiting = join(signup_settings, resident("c"))
    second_waiting = join(signup_settings, resident("d"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = cancel(confirmed)
    assert promoted == [first_waiting]
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.state == SignupState.CONFIRMED and first_waiting.promoted_at
    assert second_waiting.state == SignupState.WAITING
    assert waiting_position(second_waiting) == 1
    letters = {message.to[0]: message for message in mail.outbox}
    assert set(letters) == {"a@example.org", "c@example.org"}
    assert "Освободилось место" in letters["c@example.org"].subject
    assert f"/shelter/events/cancel/{first_waiting.token}/" in letters["c@example.org"].body


def test_cancelling_twice_is_refused(signup_settings):
    signup = join(signup_settings, resident("a"))
    cancel(signup)
    with pytest.raises(SignupError) as refusal:
        cancel(signup)
    assert refusal.value.status == 409


def test_a_cancelled_person_may_sign_up_again(signup_settings):
    user = resident("again")
    cancel(join(signup_settings, user))
    assert join(signup_settings, user).state == SignupState.CONFIRMED


def test_sign_up_letters_carry_the_cancellation_and_ical_links(
    signup_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signup = join(signup_settings, resident("letter"))
    (letter,) = mail.outbox
    assert f"/shelter/events/cancel/{signup.token}/" in letter.body
    assert f"/shelter/events/{signup.event_id}/event.ics" in letter.body


def test_reminders_are_sent_once_for_events_starting_tomorrow(django_capture_on_commit_callbacks):
    tomorrow = SignupSettingsFactory(event=ShelterEventFactory(starts_at=in_days(1, hour=12)))
    later = SignupSettingsFactory(event=ShelterEventFactory(starts_at=in_days(3)))
    coming = join(tomorrow, resident("coming"))
    join(tomorrow, resident("coming2"))
    waiting = join(tomorrow, resident("waiting"))
    join(later, resident("later"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(message.to[0] for message in mail.outbox) == [
        "coming2@example.org",
        "coming@example.org",
    ]
    assert all("Завтра" in message.subject for message in mail.outbox)
    coming.refresh_from_db()
    waiting.refresh_from_db()
    assert coming.reminded_at is not None and waiting.reminded_at is None
    assert send_reminders() == 0


def test_more_places_from_staff_let_the_waiting_list_move_up(signup_settings):
    from shelter.event_signups import places_changed

    for name in "abc":
        join(signup_settings, resident(name))
    signup_settings.visitor_places = 3
    signup_settings.save()
    assert [signup.user.username for signup in places_changed(signup_settings)] == ["c"]


def test_deleting_the_account_cancels_its_sign_ups_and_the_waiting_move_up(signup_settings):
    from portal import personal_data
    from portal.personal_data import Person

    leaving = resident("leaving")
    join(signup_settings, leaving)
    join(signup_settings, resident("stays"))
    waiting = join(signup_settings, resident("waits"))
    exported = personal_data.export(Person.of(leaving))["shelter.event_signups"]
    assert [row["name"] for row in exported] == ["leaving"]
    personal_data.erase(Person.of(leaving))
    assert not EventSignup.objects.filter(user=leaving).exists()
    waiting.refresh_from_db()
    assert waiting.state == SignupState.CONFIRMED
