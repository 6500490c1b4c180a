"""Staff sign-in to the Wagtail admin: through django-allauth, by username, with a second factor.

/admin/login/ is allauth's login view with a username field, so the admin gets allauth's login
stages (the TOTP step of allauth.mfa), its rate limits and django-axes' lockout, like every other
sign-in form of the portal. Citizens keep signing in by e-mail at /accounts/login/.
"""

from allauth.account import app_settings as account_settings
from allauth.account.forms import LoginForm
from allauth.account.views import LoginView
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import render, resolve_url
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.account import PasswordResetView

from portal import ratelimit
from portal.roles import STAFF_GROUPS


def requires_second_factor(user):
    """Superusers, staff and members of a staff group confirm admin sign-in with a TOTP code."""
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or user.is_staff
        or user.groups.filter(name__in=STAFF_GROUPS).exists()
        or user.has_perm("wagtailadmin.access_admin")
    )


class StaffLoginForm(LoginForm):
    """allauth's login form, by username: staff accounts are made by name (admin, editor…)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"] = forms.CharField(
            label=_("Username"),
            max_length=get_user_model()._meta.get_field("username").max_length,
            widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
        )
        # allauth's help text links to the citizens' reset; the page links to the staff's own.
        self.fields["password"].help_text = ""

    def user_credentials(self):
        return {"username": self.cleaned_data["login"], "password": self.cleaned_data["password"]}

    def _clean_with_password(self, credentials):
        cleaned_data = super()._clean_with_password(credentials)
        if requires_second_factor(self.user):
            # Staff accounts are made by a superuser, not by sign-up, and often carry no confirmed
            # address; the TOTP code, not an e-mail round trip, is their second proof.
            self._login.email_verification = account_settings.EmailVerificationMethod.NONE
        return cleaned_data


class StaffLoginView(LoginView):
    form_class = StaffLoginForm
    template_name = "account/staff_login.html"
    success_url = reverse_lazy("wagtailadmin_home")

    def get_authenticated_redirect_url(self):
        # Wagtail sends a signed-in citizen without admin access back here with ?next=/admin/;
        # following `next` would loop, so they go to their own account page.
        if not self.request.user.has_perm("wagtailadmin.access_admin"):
            return resolve_url(settings.LOGIN_REDIRECT_URL)
        return super().get_authenticated_redirect_url()

    def get_form_class(self):
        return self.form_class


class StaffPasswordResetView(PasswordResetView):
    """Wagtail's admin password reset, limited per client address and per e-mail address.

    The limits count every address typed, whether an account has it or not, so the answer does
    not tell which addresses belong to accounts.
    """

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        allowed_here = ratelimit.allow("password_reset_ip", ratelimit.client_ip(self.request))
        if not (allowed_here and ratelimit.allow("password_reset_email", email)):
            return render(self.request, "429.html", status=429)
        return super().form_valid(form)
