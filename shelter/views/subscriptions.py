""" "New arrivals" subscriptions: subscribe (double opt-in), confirm, and one-click unsubscribe."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from portal import ratelimit
from portal.consent import current as current_consent
from shelter.filters import PetFilter
from shelter.forms import SubscriptionForm
from shelter.models import Subscription
from shelter.notifications import notify_subscription_confirm


def subscribe_view(request, index_page):
    if request.method != "POST":
        raise Http404
    form = SubscriptionForm(request.POST)
    context = index_page.get_context(request)
    context.update(
        {
            "form": form,
            "consent": current_consent("subscription"),
            "shelter_url": index_page.url,
        }
    )
    if form.is_bot:
        return TemplateResponse(request, "shelter/subscription_sent.html", context)
    if not ratelimit.allow("shelter_subscription", ratelimit.client_ip(request)):
        form.add_error(None, _("Too many subscriptions from your address: try again in an hour."))
        return TemplateResponse(request, "shelter/subscribe.html", context, status=429)
    if form.is_valid() and not valid_query(form.cleaned_data["query"]):
        form.add_error(
            None, _("The saved filter is not valid: choose filters in the catalog again.")
        )
    if not form.is_valid():
        return TemplateResponse(request, "shelter/subscribe.html", context, status=400)
    subscription = Subscription.objects.create(
        email=form.cleaned_data["email"].strip().lower(),
        query=form.cleaned_data["query"],
        consent_version=current_consent("subscription").version,
        consented_at=timezone.now(),
    )
    notify_subscription_confirm(subscription)
    context["subscription"] = subscription
    return TemplateResponse(request, "shelter/subscription_sent.html", context)


def valid_query(query):
    from django.http import QueryDict

    return PetFilter(QueryDict(query)).is_valid()


def confirm_view(request, index_page, token):
    """A GET shows a button (mail scanners follow links), the POST confirms."""
    subscription = get_object_or_404(Subscription, token=token)
    if request.method == "POST":
        subscription.confirm()
    context = index_page.get_context(request)
    context.update({"subscription": subscription, "shelter_url": index_page.url})
    return TemplateResponse(request, "shelter/subscription_confirm.html", context)


def unsubscribe_view(request, index_page, token):
    """A GET shows a single button that POSTs; the POST unsubscribes at once."""
    subscription = get_object_or_404(Subscription, token=token)
    if request.method == "POST":
        subscription.unsubscribe()
    context = index_page.get_context(request)
    context.update({"subscription": subscription, "shelter_url": index_page.url})
    return TemplateResponse(request, "shelter/unsubscribe.html", context)


@csrf_exempt
def one_click_unsubscribe(request, token):
    """RFC 8058 one-click unsubscribe: mail clients POST here without a page or a CSRF token;
    the unguessable token is the authorisation. (Mounted in portal/urls.py.)"""
    if request.method != "POST":
        return HttpResponse(status=405)
    subscription = get_object_or_404(Subscription, token=token)
    subscription.unsubscribe()
    return HttpResponse(_("You are unsubscribed."), content_type="text/plain; charset=utf-8")
