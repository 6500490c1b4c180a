"""The shelter's events with sign-ups: the list of upcoming ones, the event page (places left,
the sign-up form or a sign-in link, one's own sign-up with a cancel button, «Нужды приюта», the
iCal link), the event as an iCal file and the cancellation page the letters link to.

The event page for anonymous visitors is kept in the page cache (it reads the sign-ups table, so
every sign-up and cancellation renders it afresh, and it is kept no longer than sign-ups stay
open); a signed-in visitor's page, with their own sign-up, is never shared.
"""

import icalendar
from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from calendar_pages.exports import city_event
from calendar_pages.models import CityEvent
from portal import page_cache
from portal.consent import current as current_consent
from portal.pagination import paginate
from portal.public_url import absolute
from shelter.event_signups import (
    SignupError,
    cancel,
    places_left,
    sign_up,
    signup_of,
    signup_settings_for,
    waiting_position,
)
from shelter.forms import EventSignupForm
from shelter.models import (
    SHELTER_EVENT_CATEGORIES,
    EventSignup,
    EventSignupSettings,
    ShelterNeed,
    SignupKind,
    SignupState,
)


def current_needs():
    """What the shelter still needs, in the staff's order (met needs are not shown)."""
    return list(ShelterNeed.objects.unmet())


def needs_context(index_page):
    return {"needs": current_needs(), "drop_off": index_page}


def upcoming_signup_settings():
    """Sign-up settings of upcoming shelter events, with their confirmed places counted in the
    same query."""
    confirmed = Q(event__signups__state=SignupState.CONFIRMED)
    upcoming = CityEvent.objects.upcoming().filter(category__in=SHELTER_EVENT_CATEGORIES)
    return (
        EventSignupSettings.objects.filter(event__in=upcoming)
        .select_related("event")
        .annotate(
            visitors_taken=Count(
                "event__signups", filter=confirmed & Q(event__signups__role=SignupKind.VISITOR)
            ),
            volunteers_taken=Count(
                "event__signups", filter=confirmed & Q(event__signups__role=SignupKind.VOLUNTEER)
            ),
        )
        .order_by("event__starts_at", "pk")
    )


def with_places_left(settings_list):
    for signup_settings in settings_list:
        taken = {
            SignupKind.VISITOR: signup_settings.visitors_taken,
            SignupKind.VOLUNTEER: signup_settings.volunteers_taken,
        }
        signup_settings.left = places_left(signup_settings, taken)
    return settings_list


def events_view(request, index_page):
    events_page = paginate(request, upcoming_signup_settings())
    events_page.object_list = with_places_left(list(events_page.object_list))
    page_cache.valid_until(*(item.closing_moment() for item in events_page.object_list))
    context = index_page.get_context(request)
    context.update(
        {"events_page": events_page, "shelter_url": index_page.url, **needs_context(index_page)}
    )
    return TemplateResponse(request, "shelter/events/events.html", context)


def _signup_settings_or_404(event_id):
    signup_settings = signup_settings_for(event_id)
    if signup_settings is None:
        raise Http404
    return signup_settings


def event_view(request, index_page, event_id):
    signup_settings = _signup_settings_or_404(event_id)
    event = signup_settings.event
    kinds = [(kind, label) for kind, label in SignupKind.choices if signup_settings.places(kind)]
    form = None
    if request.user.is_authenticated:
        form = EventSignupForm(kinds=kinds, initial={"name": request.user.get_full_name()})
    status = 200
    if request.method == "POST":
        form = EventSignupForm(request.POST, kinds=kinds)
        response, status = _sign_up(request, index_page, signup_settings, form)
        if response is not None:
            return response
    signup = signup_of(event, request.user)
    page_cache.valid_until(signup_settings.closing_moment())
    context = index_page.get_context(request)
    context.update(
        {
            "event": event,
            "signup_settings": signup_settings,
            "left": places_left(signup_settings),
            "is_open": signup_settings.is_open(),
            "signup": signup,
            "position": waiting_position(signup) if signup else None,
            "form": form,
            "consent": current_consent("event_signup"),
            "event_url": index_page.url + f"events/{event.pk}/",
            "shelter_url": index_page.url,
            **needs_context(index_page),
        }
    )
    return TemplateResponse(request, "shelter/events/event.html", context, status=status)


def _sign_up(request, index_page, signup_settings, form):
    """(redirect, 302) when signed up, else (None, 4xx) to show the page with the reason."""
    event_url = index_page.url + f"events/{signup_settings.event_id}/"
    if form.is_bot:
        return HttpResponseRedirect(event_url), 302
    if not request.user.is_authenticated:
        form.add_error(None, _("Sign in to sign up for the event."))
        return None, 403
    if not form.is_valid():
        return None, 400
    try:
        signup = sign_up(
            signup_settings,
            request.user,
            kind=form.cleaned_data["kind"],
            name=form.cleaned_data["name"],
            phone=form.cleaned_data["phone"],
            consent=current_consent("event_signup"),
        )
    except SignupError as error:
        form.add_error(None, error.message)
        return None, error.status
    if signup.state == SignupState.CONFIRMED:
        messages.success(request, _("You are signed up: we have sent the details by e-mail."))
    else:
        messages.success(
            request,
            _("No places are free now: you are number %(position)s on the waiting list.")
            % {"position": waiting_position(signup)},
        )
    return HttpResponseRedirect(event_url), 302


def event_ics_view(request, index_page, event_id):
    event = _signup_settings_or_404(event_id).event
    vevent = city_event(event)
    vevent.pop("url", None)
    vevent.add("url", absolute(index_page.url + f"events/{event.pk}/"))
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Sochi city portal//shelter events//RU")
    calendar.add("version", "2.0")
    calendar.add_component(vevent)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


def cancel_view(request, index_page, token):
    """A GET shows a button (mail scanners follow links and must not cancel), the POST cancels.
    The key in the link is the credential, as for an application's status page."""
    signup = get_object_or_404(EventSignup.objects.select_related("event"), token=token)
    status = 200
    error = None
    if request.method == "POST":
        try:
            cancel(signup)
        except SignupError as refusal:
            error, status = refusal.message, refusal.status
    context = index_page.get_context(request)
    context.update(
        {
            "signup": signup,
            "event": signup.event,
            "error": error,
            "event_url": index_page.url + f"events/{signup.event_id}/",
            "shelter_url": index_page.url,
            "noindex": True,
        }
    )
    response = TemplateResponse(request, "shelter/events/cancel.html", context, status=status)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response
