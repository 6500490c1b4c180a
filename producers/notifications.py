"""E-mails to producers about moderation decisions (through portal.mail: saved, then sent)."""

from django.urls import reverse

from portal.mail import send_templated
from portal.public_url import absolute


def owner_email(item):
    producer = getattr(item, "producer", None) or item
    owner = producer.owner
    return owner.email if owner is not None and owner.email else producer.email


def notify_refused(item, request):
    """Tell the owner what was refused and why; nothing is sent when there is no address."""
    to = owner_email(item)
    if not to:
        return None
    return send_templated(
        to,
        "producers/mail/refused",
        {
            "item": item,
            "request": request,
            "reason": request.reason,
            "cabinet_url": absolute(reverse("cabinet:dashboard")),
        },
    )
