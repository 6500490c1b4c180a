"""The letters about sign-ups for shelter events, all through portal.mail (queued in the
caller's transaction): each carries the cancellation link and the event's iCal link."""

from django.utils import timezone

from portal.mail import send_templated
from shelter.notifications import shelter_url

TEMPLATES = "shelter/events/mail"


def event_url(event):
    return shelter_url(f"events/{event.pk}/")


def ics_url(event):
    return shelter_url(f"events/{event.pk}/event.ics")


def cancel_url(signup):
    return shelter_url(f"events/cancel/{signup.token}/")


def _send(signup, template, **extra):
    event = signup.event
    context = {
        "signup": signup,
        "event": event,
        "starts_at": timezone.localtime(event.starts_at),
        "event_url": event_url(event),
        "ics_url": ics_url(event),
        "cancel_url": cancel_url(signup),
        **extra,
    }
    return send_templated(signup.email, f"{TEMPLATES}/{template}", context)


def notify_signed_up(signup, position):
    """A confirmed place, or the place on the waiting list (`position`, 1 for the first)."""
    return _send(signup, "signed_up", position=position)


def notify_promoted(signup):
    return _send(signup, "promoted")


def notify_cancelled(signup):
    return _send(signup, "cancelled")


def notify_reminder(signup):
    return _send(signup, "reminder")
