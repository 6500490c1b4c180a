"""Phone verification by one-time SMS code: expiry, attempts, growing lockouts, one phone per
account, and the verified-citizen rule the contest relies on."""

import datetime
import re

import pytest
import time_machine

from accounts.models import OtpChallenge, PhoneVerification
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
