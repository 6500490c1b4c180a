"""Who is a verified citizen, and phone verification by one-time SMS code.

`is_verified_citizen(user)` is the one rule the contest (and anything else) calls: a confirmed
e-mail address AND a phone confirmed by a code. Codes are stored hashed, expire after
OTP_TTL_MINUTES, allow OTP_MAX_ATTEMPTS tries, and every exhausted code locks the account out for
twice as long as the previous lockout. A phone number verifies one account only.
"""

import datetime
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import OtpChallenge, PhoneVerification, hash_code
from accounts.sms import SmsError, send_sms

OTP_TTL_MINUTES = getattr(settings, "OTP_TTL_MINUTES", 10)
OTP_MAX_ATTEMPTS = getattr(settings, "OTP_MAX_ATTEMPTS", 5)
OTP_LOCKOUT_BASE_MINUTES = getattr(settings, "OTP_LOCKOUT_BASE_MINUTES", 15)
CODE_DIGITS = 6


class VerificationError(Exception):
    """A refusal with the Russian message to show the citizen."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def has_confirmed_email(user):
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def verified_phone(user):
    """The user's verified PhoneVerification, or None."""
    if not user.is_authenticated:
        return None
    verification = PhoneVerification.objects.filter(user=user, verified_at__isnull=False).first()
    return verification


def is_verified_citizen(user):
    """Confirmed e-mail and a verified phone: the condition to vote."""
    if not user.is_authenticated or not user.is_active:
        return False
    return has_confirmed_email(user) and verified_phone(user) is not None


def phone_taken_by_other(user, phone):
    return (
        PhoneVerification.objects.filter(phone=phone, verified_at__isnull=False)
        .exclude(user=user)
        .exists()
    )


def _locked_message(verification):
    until = formats.date_format(timezone.localtime(verification.locked_until), "j E H:i")
    return _("Too many wrong codes. You can try again after %(until)s.") % {"until": until}


def request_code(user, phone, *, consent=None, now=None):
    """Send a new code to `phone` for `user`; return the challenge or raise VerificationError."""
    from portal.ratelimit import allow

    now = now or timezone.now()
    if phone_taken_by_other(user, phone):
        raise VerificationError(_("This phone number already confirms another account."))
    verification, _created = PhoneVerification.objects.get_or_create(
        user=user, defaults={"phone": phone}
    )
    if verification.is_verified:
        raise VerificationError(_("Your phone number is already confirmed."))
    if verification.is_locked(now):
        raise VerificationError(_locked_message(verification))
    if not allow("otp_send", f"user:{user.pk}"):
        raise VerificationError(
            _("Too many codes requested. Please wait a few minutes and try again."), status=429
        )
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    with transaction.atomic():
        verification.phone = phone
        if consent is not None:
            verification.consent_version = consent.version
            verification.consented_at = now
        verification.save(update_fields=["phone", "consent_version", "consented_at"])
        # A new code replaces the old ones: only the latest can be used.
        verification.challenges.filter(used_at__isnull=True).update(used_at=now)
        challenge = OtpChallenge(
            verification=verification,
            phone=phone,
            created_at=now,
            expires_at=now + datetime.timedelta(minutes=OTP_TTL_MINUTES),
        )
        challenge.code_hash = hash_code(challenge.salt, code)
        challenge.save()
    text = _("Sochi city portal: your confirmation code is %(code)s") % {"code": code}
    try:
        send_sms(phone, text)
    except SmsError as error:
        raise VerificationError(
            _("We could not send the SMS right now. Please try again in a minute."), status=503
        ) from error
    OtpChallenge.objects.filter(pk=challenge.pk).update(sent_at=timezone.now())
    return challenge


def confirm_code(user, code, *, now=None):
    """Check `code` against the user's latest challenge; verify the phone or raise.

    Wrong attempts and lockouts are committed before the refusal is raised.
    """
    now = now or timezone.now()
    with transaction.atomic():
        outcome = _check_code(user, code, now)
    if isinstance(outcome, str):
        raise VerificationError(outcome)
    return outcome


def _check_code(user, code, now):
    """The verified PhoneVerification, or the Russian refusal (state changes kept either way)."""
    verification = PhoneVerification.objects.select_for_update().filter(user=user).first()
    if verification is None:
        return _("Request a code first.")
    if verification.is_verified:
        return _("Your phone number is already confirmed.")
    if verification.is_locked(now):
        return _locked_message(verification)
    challenge = verification.challenges.filter(used_at__isnull=True).first()
    if challenge is None:
        return _("Request a code first.")
    if challenge.is_expired(now):
        return _("The code has expired. Request a new one.")
    if not challenge.matches(code):
        return _wrong_code(verification, challenge, now)
    challenge.used_at = now
    challenge.save(update_fields=["used_at"])
    verification.phone = challenge.phone
    verification.verified_at = now
    verification.lockouts = 0
    verification.locked_until = None
    try:
        with transaction.atomic():
            verification.save()
    except IntegrityError:
        return _("This phone number already confirms another account.")
    return verification


def _wrong_code(verification, challenge, now):
    challenge.attempts += 1
    if challenge.attempts >= OTP_MAX_ATTEMPTS:
        challenge.used_at = now
        verification.lockouts += 1
        minutes = OTP_LOCKOUT_BASE_MINUTES * 2 ** (verification.lockouts - 1)
        verification.locked_until = now + datetime.timedelta(minutes=minutes)
        challenge.save(update_fields=["attempts", "used_at"])
        verification.save(update_fields=["lockouts", "locked_until"])
        return _locked_message(verification)
    challenge.save(update_fields=["attempts"])
    left = OTP_MAX_ATTEMPTS - challenge.attempts
    return ngettext(
        "Wrong code. %(left)s attempt left.", "Wrong code. %(left)s attempts left.", left
    ) % {"left": left}
