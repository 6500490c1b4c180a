"""The staff's second factor (allauth.mfa TOTP): required for the admin, kept, reset by a superuser.

allauth asks for the TOTP code at sign-in of every account that has one. What the portal adds:
staff must have one (the admin is closed until it is set up), may not remove their own, and only a
superuser can reset it (`manage.py reset_staff_mfa <username>`).
"""

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from accounts.staff import requires_second_factor


class PortalMFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator):
        """Staff keep their second factor; a superuser resets it when a phone is lost."""
        return not requires_second_factor(authenticator.user)


def has_totp(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def passed_second_factor(request, user):
    """True once this session has confirmed a code of the user's current TOTP authenticator.

    Either allauth recorded a code typed at sign-in (its record names the authenticator, so a reset
    also ends the confirmation of sessions still open), or the authenticator was set up in this
    session, which takes a valid code too.
    """
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if totp is None:
        return False
    records = get_authentication_records(request, user)
    confirmed = {record.get("id") for record in records if record.get("method") == "mfa"}
    if confirmed & {totp.pk, *_recovery_code_ids(user)}:
        return True
    signed_in_at = min((record["at"] for record in records), default=None)
    return signed_in_at is not None and totp.created_at.timestamp() >= signed_in_at


def _recovery_code_ids(user):
    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.RECOVERY_CODES
    ).values_list("pk", flat=True)


class StaffSecondFactorMiddleware:
    """Keeps the Wagtail admin closed to staff sessions without a confirmed TOTP code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._redirect(request)
        return response or self.get_response(request)

    def _redirect(self, request):
        admin = reverse("wagtailadmin_home")
        if not request.path.startswith(admin) or request.path.startswith(_open_admin_paths()):
            return None
        user = request.user
        if not requires_second_factor(user):
            return None
        if not has_totp(user):
            return redirect("mfa_activate_totp")
        if not passed_second_factor(request, user):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
        return None


def _open_admin_paths():
    """Admin pages a staff member reaches before the second factor: sign-in, sign-out, reset."""
    return (
        reverse("wagtailadmin_login"),
        reverse("wagtailadmin_logout"),
        reverse("wagtailadmin_password_reset"),
    )


@transaction.atomic
def reset_second_factor(user):
    """Delete every authenticator of `user`; they set up a new TOTP at their next admin visit."""
    deleted, _ = Authenticator.objects.filter(user=user).delete()
    return deleted
