"""Who is a verified citizen, and phone verification by one-time SMS code.

`is_verified_citizen(user)` is the one rule the contest (and anything else) calls: a confirmed
e-mail address AND a phone confirmed by a code. Codes are stored hashed and expire after
OTP_TTL_MINUTES. OTP_MAX_ATTEMPTS wrong codes, counted across codes both for the account and for
the phone number, lock both out, each lockout twice as long as the one before. A phone number
verifies one account only.

Sending costs money and can be used to pester a stranger, so it is limited per account and per
client address (cache counters, portal.ratelimit) and per phone number in a short window and per
day (counted from the codes in the database, so that a cache flush does not reopen the daily cap).
All limits are in settings.PORTAL_RATE_LIMITS ("otp_send*").

django-allauth's own phone verification keeps its attempts per code in the session and limits
sending per minute only; it has no per-number daily cap or guess count across accounts, hence this
module.
"""

import datetime
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import OtpChallenge, PhoneNumberThrottle, PhoneVerification, hash_code
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


def citizen_phone(user):
    """The verified phone of an active user with a confirmed e-mail, else None: the citizen's
    credentials, read once where the phone itself is needed too (a vote records its prefix)."""
    if not user.is_authenticated or not user.is_active or not has_confirmed_email(user):
        return None
    return verified_phone(user)


def is_verified_citizen(user):
    """Confirmed e-mail and a verified phone: the condition to vote."""
    return citizen_phone(user) is not None


def phone_taken_by_other(user, phone):
    return (
        PhoneVerification.objects.filter(phone=phone, verified_at__isnull=False)
        .exclude(user=user)
        .exists()
    )


def _locked_message(*holders):
    """The refusal for a locked account or number, naming the later of their unlock times."""
    locked_until = max(holder.locked_until for holder in holders if holder.locked_until)
    until = formats.date_format(timezone.localtime(locked_until), "j E H:i")
    return _("Too many wrong codes. You can try again after %(until)s.") % {"until": until}


def _too_many_codes():
    return VerificationError(
        _("Too many codes requested. Please wait a few minutes and try again."), status=429
    )


def _may_send_to(phone, scope, now):
    """Whether `phone` may get one more code under the (limit, seconds) policy of `scope`."""
    limit, seconds = settings.PORTAL_RATE_LIMITS[scope]
    since = now - datetime.timedelta(seconds=seconds)
    return OtpChallenge.objects.filter(phone=phone, created_at__gt=since).count() < limit


def request_code(user, phone, *, consent=None, client_address=None, now=None):
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
    PhoneNumberThrottle.objects.get_or_create(phone=phone)
    with transaction.atomic():
        # The number's row stays locked while its recent codes are counted and the new one is
        # stored, so that accounts asking at the same moment cannot all slip under the limit.
        throttle = PhoneNumberThrottle.objects.select_for_update().get(phone=phone)
        locked = [holder for holder in (verification, throttle) if holder.is_locked(now)]
        if locked:
            raise VerificationError(_locked_message(*locked), status=429)
        if not (
            _may_send_to(phone, "otp_send_phone", now)
            and _may_send_to(phone, "otp_send_phone_daily", now)
            and allow("otp_send", f"user:{user.pk}")
            and (not client_address or allow("otp_send_ip", client_address))
        ):
            raise _too_many_codes()
        challenge, code = _new_challenge(verification, phone, consent, now)
    text = _("Sochi city portal: your confirmation code is %(code)s") % {"code": code}
    try:
        send_sms(phone, text)
    except SmsError as error:
        raise VerificationError(
            _("We could not send the SMS right now. Please try again in a minute."), status=503
        ) from error
    OtpChallenge.objects.filter(pk=challenge.pk).update(sent_at=timezone.now())
    return challenge


def _new_challenge(verification, phone, consent, now):
    """Store a new hashed code for `phone`, retiring the earlier ones; return it with the code."""
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
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
    return challenge, code


def confirm_code(user, code, *, now=None):
    """Check `code` against the user's latest challenge; verify the phone or raise.

    Wrong attempts and lockouts are committed before the refusal is raised.
    """
    now = now or timezone.now()
    with transaction.atomic():
        outcome = _check_code(user, code, now)
    if isinstance(outcome, VerificationError):
        raise outcome
    return outcome


def _check_code(user, code, now):
    """The verified PhoneVerification, or the refusal (state changes kept either way)."""
    verification = PhoneVerification.objects.select_for_update().filter(user=user).first()
    if verification is None:
        return VerificationError(_("Request a code first."))
    if verification.is_verified:
        return VerificationError(_("Your phone number is already confirmed."))
    challenge = verification.challenges.filter(used_at__isnull=True).first()
    throttle = None
    if challenge is not None:
        throttle = PhoneNumberThrottle.objects.select_for_update().filter(phone=challenge.phone)
        throttle = throttle.first()
    locked = [holder for holder in (verification, throttle) if holder and holder.is_locked(now)]
    if locked:
        return VerificationError(_locked_message(*locked), status=429)
    if challenge is None:
        return VerificationError(_("Request a code first."))
    if challenge.is_expired(now):
        return VerificationError(_("The code has expired. Request a new one."))
    if not challenge.matches(code):
        return _wrong_code(verification, throttle, challenge, now)
    challenge.used_at = now
    challenge.save(update_fields=["used_at"])
    verification.phone = challenge.phone
    verification.verified_at = now
    verification.clear()
    try:
        with transaction.atomic():
            verification.save()
    except IntegrityError:
        return VerificationError(_("This phone number already confirms another account."))
    if throttle is not None:
        throttle.clear()
        throttle.save(update_fields=["failed_attempts", "lockouts", "locked_until"])
    return verification


def _wrong_code(verification, throttle, challenge, now):
    """Count the wrong code for the account and for the number; lock out whichever is spent."""
    challenge.attempts += 1
    challenge.save(update_fields=["attempts"])
    policy = {"max_failures": OTP_MAX_ATTEMPTS, "base_minutes": OTP_LOCKOUT_BASE_MINUTES}
    holders = [verification] + ([throttle] if throttle is not None else [])
    locked = [holder for holder in holders if holder.record_failure(now, **policy)]
    if locked:
        # The code is spent too: after the lockout a new one has to be requested.
        challenge.used_at = now
        challenge.save(update_fields=["used_at"])
        return VerificationError(_locked_message(*locked), status=429)
    left = min(OTP_MAX_ATTEMPTS - holder.failed_attempts for holder in holders)
    message = ngettext(
        "Wrong code. %(left)s attempt left.", "Wrong code. %(left)s attempts left.", left
    ) % {"left": left}
    return VerificationError(message)
