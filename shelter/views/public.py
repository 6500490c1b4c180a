"""The shelter's public pages: the catalog at /shelter/ with filters, facet counts and sorts,
the "found a home" stories, the pet page (gallery, facts in plain Russian, similar pets, the
adoption form), favourites, "new arrivals" subscriptions (double opt-in, confirm, one-click
unsubscribe) and the private status page of an adoption application.

The catalog answers through portal.search.catalog: from the database, or from Elasticsearch when
the site runs with a cluster (and from the database again, with a notice, when the cluster fails).
"""

from django.contrib import messages
from django.db import IntegrityError
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from calendar_pages.models import CityEvent
from portal import ratelimit
from portal.consent import current as current_consent
from portal.pagination import paginate
from portal.search.catalog import query_catalog
from portal.subscriptions import unsubscribe_at_once
from shelter import favourites
from shelter.favourites import favourite_ids
from shelter.filters import PetFilter
from shelter.forms import AdoptionApplicationForm, SubscriptionForm
from shelter.models import (
    AdoptionApplication,
    ApplicationEvent,
    Pet,
    PetPhoto,
    Subscription,
    submit_application,
)
from shelter.models.events import SHELTER_EVENT_CATEGORIES
from shelter.notifications import notify_subscription_confirm
from shelter.search import PET_CATALOG
from shelter.views import events as events_views

UPCOMING_EVENTS = 3
SIMILAR_PETS = 4


def cover_photos():
    """The photos of a pet with their renditions, in a constant number of queries."""
    photos = PetPhoto.objects.select_related("image").prefetch_related("image__renditions")
    return Prefetch("photos", queryset=photos.order_by("sort_order"))


def with_cover_photos(queryset):
    return queryset.prefetch_related(cover_photos())


def catalog_view(request, index_page):
    result = query_catalog(request, PET_CATALOG)
    pets_page = result.page
    pets_page.object_list = list(pets_page.object_list)
    prefetch_related_objects(pets_page.object_list, cover_photos())
    context = index_page.get_context(request)
    context.update(
        {
            "filterset": result.filterset,
            "filter_errors": result.errors,
            "facets": result.facets,
            "pets_page": pets_page,
            "search_fell_back": result.fell_back,
            "favourite_ids": favourite_ids(request),
            "events": upcoming_shelter_events(),
            "subscription_form": SubscriptionForm(
                initial={"query": result.filterset.query_string() if result.is_valid else ""}
            ),
            "subscription_consent": current_consent("subscription"),
            "shelter_url": index_page.url,
            **events_views.needs_context(index_page),
        }
    )
    return TemplateResponse(
        request, "shelter/shelter_index_page.html", context, status=result.status_code
    )


def upcoming_shelter_events():
    """The next shelter events; those with sign-ups link to their page (signup_settings)."""
    events = CityEvent.objects.upcoming().filter(category__in=SHELTER_EVENT_CATEGORIES)
    return list(events.select_related("signup_settings")[:UPCOMING_EVENTS])


def found_home_view(request, index_page):
    pets = with_cover_photos(Pet.objects.found_home().order_by("-status_changed_at", "-pk"))
    context = index_page.get_context(request)
    context.update({"pets_page": paginate(request, pets), "shelter_url": index_page.url})
    return TemplateResponse(request, "shelter/found_home.html", context)


def pet_view(request, index_page, pet_id):
    pet = get_object_or_404(
        with_cover_photos(Pet.objects.public().select_related("curator")), pk=pet_id
    )
    status = 200
    form = None
    if pet.accepts_applications:
        if request.method == "POST":
            form = AdoptionApplicationForm(request.POST, pet=pet)
            response, status = apply(request, index_page, pet, form)
            if response is not None:
                return response
        else:
            form = AdoptionApplicationForm(pet=pet)
    elif request.method == "POST":
        raise Http404
    context = index_page.get_context(request)
    context.update(
        {
            "pet": pet,
            "photos": list(pet.photos.all()),
            "similar": similar_pets(pet),
            "form": form,
            "consent": current_consent("adoption"),
            "favourite_ids": favourite_ids(request),
            "shelter_url": index_page.url,
        }
    )
    return TemplateResponse(request, "shelter/pet_page.html", context, status=status)


def apply(request, index_page, pet, form):
    """(redirect, 200) when the application is saved, else (None, 4xx) to re-render the form."""
    if form.is_bot:
        # Answer a bot as if it worked, and save nothing.
        return HttpResponseRedirect(index_page.pet_url(pet.pk) + "?applied=1"), 302
    if not ratelimit.allow("adoption_application", ratelimit.client_ip(request)):
        form.add_error(None, _("Too many applications from your address: try again in an hour."))
        return None, 429
    if not form.is_valid():
        return None, 400
    try:
        application = submit_application(
            pet,
            by=request.user,
            consent=current_consent("adoption"),
            **form.application_fields(),
        )
    except IntegrityError:  # the same application sent twice at the same moment
        form.add_error("email", _("You already have an open application for this pet."))
        return None, 400
    messages.success(
        request,
        _("Thank you! Your application is saved; we have sent a link to follow it to %(email)s.")
        % {"email": application.email},
    )
    return HttpResponseRedirect(index_page.url + f"applications/{application.token}/"), 302


def similar_pets(pet):
    """The newest other pets of the same species in the catalog."""
    queryset = with_cover_photos(
        Pet.objects.in_catalog().filter(species=pet.species).exclude(pk=pet.pk)
    )
    return list(queryset.order_by("-published_at", "-pk")[:SIMILAR_PETS])


def favourites_view(request, index_page):
    if request.method == "POST":
        return change_favourites(request, index_page)
    ids = favourites.favourite_ids(request)
    pets = {pet.pk: pet for pet in with_cover_photos(Pet.objects.public().filter(pk__in=ids))}
    context = index_page.get_context(request)
    context.update(
        {
            "pets": [pets[pk] for pk in ids if pk in pets],
            "favourite_ids": ids,
            "shelter_url": index_page.url,
        }
    )
    return TemplateResponse(request, "shelter/favourites.html", context)


def change_favourites(request, index_page):
    try:
        pet_id = int(request.POST.get("pet", ""))
    except ValueError:
        pet_id = None
    pet = Pet.objects.public().filter(pk=pet_id).first() if pet_id else None
    if pet is None:
        context = index_page.get_context(request)
        context["error"] = _("There is no such pet in the catalog.")
        return TemplateResponse(request, "shelter/favourites_error.html", context, status=400)
    if request.POST.get("action") == "remove":
        favourites.remove(request, pet.pk)
        messages.success(
            request, _("%(name)s is no longer in your favourites.") % {"name": pet.name}
        )
    else:
        favourites.add(request, pet.pk)
        messages.success(request, _("%(name)s is in your favourites.") % {"name": pet.name})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = index_page.url + "favourites/"
    return HttpResponseRedirect(next_url)


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
    subscription = Subscription.start(form.cleaned_data["email"], query=form.cleaned_data["query"])
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
    return unsubscribe_at_once(Subscription, request, token)


def application_status_view(request, index_page, token):
    """Anyone with the link sees the timeline (no account needed); a wrong link is a 404.
    Kept out of search engines and the sitemap."""
    application = get_object_or_404(
        AdoptionApplication.objects.select_related("pet").prefetch_related(
            Prefetch("events", queryset=ApplicationEvent.objects.order_by("created_at", "pk"))
        ),
        token=token,
        anonymised_at__isnull=True,
    )
    context = index_page.get_context(request)
    context.update(
        {
            "application": application,
            "timeline": application.timeline(),
            "events": [event for event in application.events.all() if event.message],
            "shelter_url": index_page.url,
            "noindex": True,
        }
    )
    response = TemplateResponse(request, "shelter/application_status.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response
