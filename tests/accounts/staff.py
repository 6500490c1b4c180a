"""Staff accounts for the sign-in tests; TOTP codes computed with allauth.mfa's functions."""

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.roles import EDITORS, ensure_roles

PASSWORD = "Redaktor-2026-Sochi!"  # noqa: S105


def staff_member(username="editor", group=EDITORS, **flags):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@sochi.example",
        password=PASSWORD,
        is_staff=True,
        **flags,
    )
    if group:
        ensure_roles()
        user.groups.add(Group.objects.get(name=group))
    return user


def with_totp(user):
    """Set up TOTP (and recovery codes) for `user`; returns (secret, recovery codes)."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    codes = RecoveryCodes.activate(user).get_unused_codes()
    return secret, codes


def totp_code(secret):
    """The code an authenticator app shows now."""
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def fresh_totp_code(secret, margin=5):
    """The current code, waiting for the next period if this one ends within `margin` seconds.

    For browser tests, where typing and submitting take real time; allauth accepts only the code
    of the current 30-second period.
    """
    period = mfa_settings.TOTP_PERIOD
    left = period - time.time() % period
    if left < margin:
        time.sleep(left + 0.1)
    return totp_code(secret)
