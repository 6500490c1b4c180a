"""E-mails of the shelter, all through portal.mail: saved with the change that caused them and
sent after commit, retried when the mail server fails."""

from django.urls import NoReverseMatch, reverse

from portal.mail import Unsubscribe, send_templated
from portal.public_url import absolute


def shelter_url(path=""):
    """Absolute address of a route of the shelter page (e-mails need the full address)."""
    from shelter.models import ShelterIndexPage

    page = ShelterIndexPage.objects.live().first()
    base = (page.url if page is not None else None) or "/shelter/"
    return absolute(f"{base}{path}")


def status_url(application):
    return shelter_url(f"applications/{application.token}/")


def notify_submitted(application):
    return send_templated(
        application.email,
        "shelter/mail/application_submitted",
        {"application": application, "pet": application.pet, "status_url": status_url(application)},
    )


def notify_step(application, event):
    return send_templated(
        application.email,
        "shelter/mail/application_step",
        {
            "application": application,
            "pet": application.pet,
            "event": event,
            "status_url": status_url(application),
        },
    )


def notify_follow_up(application, stage_label):
    return send_templated(
        application.email,
        "shelter/mail/follow_up",
        {
            "application": application,
            "pet": application.pet,
            "stage": stage_label,
            "status_url": status_url(application),
        },
    )


def one_click_url(subscription):
    """The RFC 8058 endpoint when portal.urls mounts shelter.urls, else the page with a button."""
    try:
        path = reverse("shelter_one_click_unsubscribe", args=[subscription.token])
    except NoReverseMatch:
        return shelter_url(f"subscriptions/{subscription.token}/unsubscribe/")
    return absolute(path)


def subscription_urls(subscription):
    return {
        "confirm_url": shelter_url(f"subscriptions/{subscription.token}/confirm/"),
        "catalog_url": shelter_url(f"?{subscription.query}" if subscription.query else ""),
    }


def unsubscribe(subscription):
    return Unsubscribe(
        page_url=shelter_url(f"subscriptions/{subscription.token}/unsubscribe/"),
        one_click_url=one_click_url(subscription),
    )


def notify_subscription_confirm(subscription):
    urls = subscription_urls(subscription)
    return send_templated(
        subscription.email,
        "shelter/mail/subscription_confirm",
        {"subscription": subscription, **urls},
        unsubscribe=unsubscribe(subscription),
    )


def notify_new_arrivals(subscription, pets):
    urls = subscription_urls(subscription)
    return send_templated(
        subscription.email,
        "shelter/mail/new_arrivals",
        {
            "subscription": subscription,
            "pets": [(pet, shelter_url(f"pets/{pet.pk}/")) for pet in pets],
            **urls,
        },
        unsubscribe=unsubscribe(subscription),
    )
