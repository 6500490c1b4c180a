"""Citizens' accounts for tests: plain, half-verified and verified (e-mail and phone)."""

import datetime
import itertools

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from accounts.models import PhoneVerification

NOW = datetime.datetime(2026, 11, 26, 12, 0, tzinfo=datetime.UTC)
VERIFIED_AT = NOW - datetime.timedelta(days=3)
_phones = itertools.count(79180000001)


def make_user(username, *, email_verified=False, phone_verified=False, password="password"):  # noqa: S107
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=password
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=email_verified, primary=True)
    if phone_verified:
        PhoneVerification.objects.create(
            user=user, phone=f"+{next(_phones)}", verified_at=VERIFIED_AT
        )
    return user


def citizen(username="citizen"):
    """A verified citizen: confirmed e-mail and verified phone."""
    return make_user(username, email_verified=True, phone_verified=True)
