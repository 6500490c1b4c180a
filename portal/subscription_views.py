"""The pages of every section's digest subscriptions (portal.subscriptions): subscribe, confirm,
unsubscribe. A section's index page serves them on its routes through thin views that name the
kind (news.views.subscriptions)."""

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from portal import ratelimit
from portal.consent import current as current_consent
from portal.mail import send_templated

TOO_MANY = "subscription"
TOO_MANY_FOR_ADDRESS = "subscription_email"


def subscribe(request, index_page, kind):
    """A POST of the form on the section's page; a GET goes back to the form there."""
    if request.method != "POST":
        return HttpResponseRedirect(f"{index_page.url}#subscribe")
    form = kind.form(request.POST)
    context = page_context(request, index_page, kind, form=form)
    if form.is_bot:
        return TemplateResponse(request, "portal/subscriptions/sent.html", context)
    if not ratelimit.allow(TOO_MANY, ratelimit.client_ip(request)):
        form.add_error(None, _("Too many subscriptions from your address: try again in an hour."))
        return TemplateResponse(request, "portal/subscriptions/subscribe.html", context, status=429)
    if not form.is_valid():
        return TemplateResponse(request, "portal/subscriptions/subscribe.html", context, status=400)
    email = form.cleaned_data["email"].strip().lower()
    # Each subscription mails its address a confirmation: a cap per address stops a flood of them.
    if not ratelimit.allow(TOO_MANY_FOR_ADDRESS, email):
        form.add_error(
            "email", _("This address has been subscribed too often: try again in an hour.")
        )
        return TemplateResponse(request, "portal/subscriptions/subscribe.html", context, status=429)
    subscription = kind.model.start(email, **form.wants())
    send_confirmation(kind, subscription)
    return TemplateResponse(request, "portal/subscriptions/sent.html", context)


def send_confirmation(kind, subscription):
    """The double opt-in letter: nothing else is sent before its link is followed."""
    return send_templated(
        subscription.email,
        "portal/mail/subscription_confirm",
        {
            "kind": kind,
            "subscription": subscription,
            "subscribed_to": kind.describe(subscription),
            "confirm_url": kind.confirm_url(subscription),
        },
        unsubscribe=kind.unsubscribe(subscription),
    )


def confirm(request, index_page, kind, token):
    """A GET shows a button (mail scanners follow links), the POST confirms."""
    subscription = get_object_or_404(kind.model, token=token)
    if request.method == "POST":
        subscription.confirm()
    context = page_context(request, index_page, kind, subscription=subscription)
    return TemplateResponse(request, "portal/subscriptions/confirm.html", context)


def unsubscribe(request, index_page, kind, token):
    """A GET shows a single button that POSTs; the POST unsubscribes at once."""
    subscription = get_object_or_404(kind.model, token=token)
    if request.method == "POST":
        subscription.unsubscribe()
    context = page_context(request, index_page, kind, subscription=subscription)
    return TemplateResponse(request, "portal/subscriptions/unsubscribe.html", context)


def page_context(request, index_page, kind, **extra):
    context = index_page.get_context(request)
    context.update(
        {
            "kind": kind,
            "consent": current_consent("subscription"),
            "subscribed_to": kind.describe(extra["subscription"])
            if "subscription" in extra
            else "",
            **extra,
        }
    )
    return context


def form_context(kind, **initial):
    """What a section's page needs to show the subscription form (its include)."""
    return {
        "subscription_form": kind.form(initial=initial),
        "subscription_kind": kind,
        "subscription_consent": current_consent("subscription"),
    }
