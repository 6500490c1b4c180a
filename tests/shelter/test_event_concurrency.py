"""Sign-ups for one event arriving at the same moment, on PostgreSQL (real concurrent
transactions): no event is overbooked, no person holds two places, and cancellations racing
sign-ups leave the waiting list in order."""

from portal.consent import current as current_consent
from shelter.event_signups import AlreadySignedUpError, cancel, sign_up
from shelter.models import EventSignup, SignupKind, SignupState
from tests.accounts.factories import make_user
from tests.races import POSTGRES_RACES, run_together
from tests.shelter.event_factories import SignupSettingsFactory

pytestmark = POSTGRES_RACES


def join(signup_settings, user):
    return sign_up(
        signup_settings,
        user,
        kind=SignupKind.VISITOR,
        name=user.username,
        consent=current_consent("event_signup"),
    )


def test_thirty_simultaneous_sign_ups_for_five_places_confirm_exactly_five():
    signup_settings = SignupSettingsFactory(visitor_places=5)
    users = [make_user(f"crowd{n}", email_verified=True) for n in range(30)]
    outcomes = run_together(30, lambda number: join(signup_settings, users[number]))
    assert [outcome for outcome in outcomes if not isinstance(outcome, EventSignup)] == []
    states = list(EventSignup.objects.values_list("state", flat=True))
    assert states.count(SignupState.CONFIRMED) == 5
    assert states.count(SignupState.WAITING) == 25


def test_ten_simultaneous_sign_ups_by_one_person_give_one():
    signup_settings = SignupSettingsFactory(visitor_places=5)
    user = make_user("eager", email_verified=True)
    outcomes = run_together(10, lambda number: join(signup_settings, user))
    signups = [outcome for outcome in outcomes if isinstance(outcome, EventSignup)]
    refusals = [outcome for outcome in outcomes if isinstance(outcome, AlreadySignedUpError)]
    assert len(signups) == 1 and len(refusals) == 9, outcomes
    assert EventSignup.objects.filter(user=user).count() == 1


def test_cancellations_racing_new_sign_ups_never_overbook():
    signup_settings = SignupSettingsFactory(visitor_places=3)
    early = [join(signup_settings, make_user(f"early{n}", email_verified=True)) for n in range(6)]
    late = [make_user(f"late{n}", email_verified=True) for n in range(10)]

    def act(number):
        if number < 3:
            return cancel(early[number])  # the three confirmed leave
        return join(signup_settings, late[number - 3])

    outcomes = run_together(13, act)
    assert [outcome for outcome in outcomes if isinstance(outcome, Exception)] == []
    confirmed = EventSignup.objects.filter(state=SignupState.CONFIRMED)
    assert confirmed.count() == 3
    # The three who waited longest moved up, ahead of everyone who came later.
    assert set(confirmed.values_list("pk", flat=True)) == {signup.pk for signup in early[3:]}
