"""Phone verification by one-time SMS code: expiry, attempts, growing lockouts, one phone per
account, and the verified-citizen rule the contest relies on."""

import datetime
import re

import pytest
import time_machine

from accounts.models import OtpChallenge, PhoneNumberThrottle, PhoneVerification
from accounts.sms import SmsError
from accounts.verification import (
    OTP_LOCKOUT_BASE_MINUTES,
    OTP_MAX_ATTEMPTS,
    OTP_TTL_MINUTES,
    VerificationError,
    confirm_code,
    is_verified_citizen,
    request_code,
)
from tests.accounts.factories import NOW, make_user

pytestmark = pytest.mark.django_db
PHONE = "+79181112233"


def sent_code(outbox):
    return re.search(r"\b(\d{6})\b", outbox[-1].text).group(1)


def wrong(code):
    return f"{(int(code) + 1) % 1_000_000:06d}"


@pytest.fixture
def user(db):
    return make_user("resident", email_verified=True)


def test_code_is_sent_by_sms_and_stored_hashed(frozen, user, sms_outbox):
    challenge = request_code(user, PHONE)
    assert len(sms_outbox) == 1 and sms_outbox[0].to == PHONE
    code = sent_code(sms_outbox)
    assert code not in challenge.code_hash and len(challenge.code_hash) == 64


def test_right_code_verifies_the_phone_and_makes_a_verified_citizen(frozen, user, sms_outbox):
    assert not is_verified_citizen(user)
    request_code(user, PHONE)
    verification = confirm_code(user, sent_code(sms_outbox))
    assert verification.verified_at == NOW
    assert is_verified_citizen(user)


def test_verified_phone_without_confirmed_email_is_not_enough(frozen, sms_outbox):
    user = make_user("no-email", email_verified=False)
    request_code(user, PHONE)
    confirm_code(user, sent_code(sms_outbox))
    assert not is_verified_citizen(user)


def test_expired_code_is_refused(user, sms_outbox):
    with time_machine.travel(NOW, tick=False):
        request_code(user, PHONE)
    expiry = NOW + datetime.timedelta(minutes=OTP_TTL_MINUTES)
    with (
        time_machine.travel(expiry, tick=False),
        pytest.raises(VerificationError, match="истёк"),
    ):
        confirm_code(user, sent_code(sms_outbox))
    assert not PhoneVerification.objects.get(user=user).is_verified


def test_only_the_latest_code_counts(frozen, user, sms_outbox):
    request_code(user, PHONE)
    first = sent_code(sms_outbox)
    request_code(user, PHONE)
    second = sent_code(sms_outbox)
    if first != second:
        with pytest.raises(VerificationError):
            confirm_code(user, first)
    confirm_code(user, second)


def test_wrong_codes_count_down_then_lock_out_with_growing_lockouts(user, sms_outbox, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "otp_send": (100, 600)}
    moment = NOW
    for lockout in (1, 2):
        with time_machine.travel(moment, tick=False):
            request_code(user, PHONE)
            code = sent_code(sms_outbox)
            for _attempt in range(1, OTP_MAX_ATTEMPTS):
                with pytest.raises(VerificationError, match="Неверный код"):
                    confirm_code(user, wrong(code))
            with pytest.raises(VerificationError, match="Слишком много неверных"):
                confirm_code(user, wrong(code))
            # Locked: even the right code and a new one are refused now.
            with pytest.raises(VerificationError, match="Слишком много неверных"):
                confirm_code(user, code)
            with pytest.raises(VerificationError, match="Слишком много неверных"):
                request_code(user, PHONE)
        verification = PhoneVerification.objects.get(user=user)
        lockout_minutes = OTP_LOCKOUT_BASE_MINUTES * 2 ** (lockout - 1)
        assert verification.locked_until == moment + datetime.timedelta(minutes=lockout_minutes)
        moment = verification.locked_until
    with time_machine.travel(moment, tick=False):
        request_code(user, PHONE)
        confirm_code(user, sent_code(sms_outbox))
    assert PhoneVerification.objects.get(user=user).lockouts == 0


def test_attempts_are_counted_in_the_database(frozen, user, sms_outbox):
    request_code(user, PHONE)
    with pytest.raises(VerificationError):
        confirm_code(user, wrong(sent_code(sms_outbox)))
    assert OtpChallenge.objects.get().attempts == 1


def test_a_phone_verifies_only_one_account(frozen, user, sms_outbox):
    request_code(user, PHONE)
    confirm_code(user, sent_code(sms_outbox))
    other = make_user("other", email_verified=True)
    with pytest.raises(VerificationError, match="другую учётную запись"):
        request_code(other, PHONE)


def test_database_refuses_a_second_verified_account_for_a_phone(frozen, user, sms_outbox):
    """Two accounts racing: both got codes before either verified; the second loses."""
    other = make_user("other", email_verified=True)
    request_code(user, PHONE)
    code_user = sent_code(sms_outbox)
    request_code(other, PHONE)
    code_other = sent_code(sms_outbox)
    confirm_code(user, code_user)
    with pytest.raises(VerificationError, match="другую учётную запись"):
        confirm_code(other, code_other)
    assert PhoneVerification.objects.filter(phone=PHONE, verified_at__isnull=False).count() == 1


def test_otp_send_is_rate_limited(frozen, user, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "otp_send": (2, 600)}
    request_code(user, PHONE)
    request_code(user, PHONE)
    with pytest.raises(VerificationError) as refusal:
        request_code(user, PHONE)
    assert refusal.value.status == 429


def test_failed_sms_keeps_the_number_and_allows_a_retry(frozen, user, sms_outbox, monkeypatch):
    from accounts import sms

    def fail(self, message):
        raise SmsError("provider down")

    monkeypatch.setattr(sms.LocmemBackend, "send", fail)
    with pytest.raises(VerificationError) as refusal:
        request_code(user, PHONE)
    assert refusal.value.status == 503
    assert str(PhoneVerification.objects.get(user=user).phone) == PHONE
    monkeypatch.undo()
    request_code(user, PHONE)
    confirm_code(user, sent_code(sms_outbox))
    assert is_verified_citizen(user)


def test_confirm_without_a_code_requested(frozen, user):
    with pytest.raises(VerificationError, match="Сначала запросите код"):
        confirm_code(user, "123456")


def _exhaust_one_code(user, outbox, guesses):
    """Ask for a new code and spend `guesses` wrong guesses on it; return the refusals."""
    request_code(user, PHONE)
    code = sent_code(outbox)
    refusals = []
    for _guess in range(guesses):
        with pytest.raises(VerificationError) as refusal:
            confirm_code(user, wrong(code))
        refusals.append(refusal.value.message)
    return refusals


def test_a_new_code_does_not_reset_the_wrong_guesses_of_the_account(frozen, user, sms_outbox):
    """The old attack: 4 wrong guesses, a new code, 4 more... — the lockout now comes anyway."""
    _exhaust_one_code(user, sms_outbox, OTP_MAX_ATTEMPTS - 1)
    refusals = _exhaust_one_code(user, sms_outbox, 1)
    assert "Слишком много неверных" in refusals[-1]
    assert PhoneVerification.objects.get(user=user).is_locked()
    with pytest.raises(VerificationError, match="Слишком много неверных"):
        request_code(user, PHONE)


@pytest.fixture
def generous_sending(settings):
    """Sending limits out of the way, for tests about wrong guesses."""
    settings.PORTAL_RATE_LIMITS = {
        **settings.PORTAL_RATE_LIMITS,
        "otp_send": (100, 600),
        "otp_send_phone": (100, 600),
        "otp_send_phone_daily": (100, 86400),
    }


def test_wrong_guesses_are_counted_per_phone_across_accounts(frozen, sms_outbox, generous_sending):
    """Several accounts guessing codes for one number share the number's budget of guesses."""
    accounts = [make_user(f"guesser{n}", email_verified=True) for n in range(OTP_MAX_ATTEMPTS)]
    for account in accounts[:-1]:
        _exhaust_one_code(account, sms_outbox, 1)
    last = accounts[-1]
    refusals = _exhaust_one_code(last, sms_outbox, 1)
    assert "Слишком много неверных" in refusals[-1]
    fresh = make_user("fresh", email_verified=True)
    with pytest.raises(VerificationError, match="Слишком много неверных"):
        request_code(fresh, PHONE)
    assert len(sms_outbox) == OTP_MAX_ATTEMPTS


def test_the_phone_lockout_grows_and_a_success_clears_it(user, sms_outbox, generous_sending):
    moment = NOW
    for lockout in (1, 2):
        with time_machine.travel(moment, tick=False):
            for _code in range(OTP_MAX_ATTEMPTS):
                _exhaust_one_code(user, sms_outbox, 1)
        throttle = PhoneNumberThrottle.objects.get(phone=PHONE)
        minutes = OTP_LOCKOUT_BASE_MINUTES * 2 ** (lockout - 1)
        assert throttle.locked_until == moment + datetime.timedelta(minutes=minutes)
        moment = throttle.locked_until
    with time_machine.travel(moment, tick=False):
        request_code(user, PHONE)
        confirm_code(user, sent_code(sms_outbox))
    throttle = PhoneNumberThrottle.objects.get(phone=PHONE)
    assert throttle.lockouts == 0 and throttle.failed_attempts == 0


def test_codes_to_one_number_are_limited_across_accounts(frozen, sms_outbox):
    """The old attack: 4 accounts sent 10 SMS to one number within seconds."""
    limit, _period = settings_limits("otp_send_phone")
    accounts = [make_user(f"sender{n}", email_verified=True) for n in range(4)]
    statuses = []
    for attempt in range(10):
        try:
            request_code(accounts[attempt % 4], PHONE)
        except VerificationError as refusal:
            statuses.append(refusal.status)
            assert "слишком много кодов" in refusal.message.lower()
    assert len(sms_outbox) == limit
    assert statuses == [429] * (10 - limit)


def test_codes_to_one_number_have_a_daily_cap(user, sms_outbox):
    daily, _period = settings_limits("otp_send_phone_daily")
    moment = NOW
    for _hour in range(daily + 2):
        with time_machine.travel(moment, tick=False):
            try:
                request_code(user, PHONE)
            except VerificationError as refusal:
                assert refusal.status == 429
        moment += datetime.timedelta(hours=1)
    assert len(sms_outbox) == daily
    with time_machine.travel(NOW + datetime.timedelta(days=1, hours=1), tick=False):
        request_code(user, PHONE)
    assert len(sms_outbox) == daily + 1


def test_codes_from_one_address_are_limited(frozen, sms_outbox, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "otp_send_ip": (2, 3600)}
    for n in range(3):
        account = make_user(f"neighbour{n}", email_verified=True)
        phone = f"+7918111220{n}"
        if n < 2:
            request_code(account, phone, client_address="203.0.113.9")
        else:
            with pytest.raises(VerificationError) as refusal:
                request_code(account, phone, client_address="203.0.113.9")
            assert refusal.value.status == 429
    assert len(sms_outbox) == 2


def settings_limits(scope):
    from django.conf import settings

    return settings.PORTAL_RATE_LIMITS[scope]
