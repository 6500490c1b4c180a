"""The citizen's own account page and phone verification by SMS code."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import CodeForm, PhoneForm
from accounts.models import PhoneVerification
from accounts.verification import (
    VerificationError,
    confirm_code,
    has_confirmed_email,
    is_verified_citizen,
    request_code,
)
from portal import personal_data
from portal.consent import current as current_consent
from portal.ratelimit import client_ip


def posted(request):
    """The form data of a POST, even an empty one (`request.POST or None` left it unbound)."""
    return request.POST if request.method == "POST" else None


def _verification(user):
    return PhoneVerification.objects.filter(user=user).first()


@login_required
def profile(request):
    """The account's state, then one section per holding of personal data with something to
    show (portal.personal_data), and the links to download the data or delete the account."""
    return render(
        request,
        "accounts/profile.html",
        {
            "emails": request.user.emailaddress_set.all(),
            "email_confirmed": has_confirmed_email(request.user),
            "phone_verification": _verification(request.user),
            "verified_citizen": is_verified_citizen(request.user),
            "sections": personal_data.sections(personal_data.Person.of(request.user)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def verify_phone(request):
    """Step 1: the citizen gives a phone number and gets a code by SMS."""
    verification = _verification(request.user)
    if verification is not None and verification.is_verified:
        return redirect("accounts:profile")
    initial = {"phone": verification.phone} if verification else {}
    consent = current_consent("voter")
    form = PhoneForm(posted(request), initial=initial, consent_text=consent.text)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                request_code(
                    request.user,
                    form.cleaned_data["phone"],
                    consent=consent,
                    client_address=client_ip(request),
                )
            except VerificationError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("We have sent a code to your phone."))
                return redirect("accounts:confirm_phone")
        else:
            status = 400
    return render(request, "accounts/verify_phone.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def confirm_phone(request):
    """Step 2: the citizen types the code from the SMS."""
    verification = _verification(request.user)
    if verification is None:
        return redirect("accounts:verify_phone")
    if verification.is_verified:
        return redirect("accounts:profile")
    form = CodeForm(posted(request))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                confirm_code(request.user, form.cleaned_data["code"])
            except VerificationError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("Your phone number is confirmed."))
                next_url = request.session.pop("after_phone_verification", None)
                return redirect(next_url or "accounts:profile")
        else:
            status = 400
    return render(
        request,
        "accounts/confirm_phone.html",
        {"form": form, "phone": verification.phone},
        status=status,
    )
