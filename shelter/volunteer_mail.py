"""E-mails of the volunteer programme, all through portal.mail (queued in the caller's
transaction, sent by the worker): application received, accepted, refused; a shift's sign-up
and its cancellation."""

from portal.mail import send_templated
from shelter.notifications import shelter_url

TEMPLATES = "shelter/mail/volunteer"


def volunteers_url():
    return shelter_url("volunteers/")


def shifts_url():
    return shelter_url("volunteers/shifts/")


def _send(user, template, context):
    if not user.email:
        return None
    return send_templated(user.email, f"{TEMPLATES}_{template}", context)


def notify_received(application):
    return _send(
        application.user,
        "received",
        {"application": application, "volunteers_url": volunteers_url()},
    )


def notify_accepted(application):
    return _send(
        application.user, "accepted", {"application": application, "shifts_url": shifts_url()}
    )


def notify_refused(application):
    return _send(
        application.user,
        "refused",
        {"application": application, "volunteers_url": volunteers_url()},
    )


def notify_signed_up(signup):
    return _send(
        signup.user,
        "signed_up",
        {"shift": signup.shift, "shifts_url": shifts_url() + f"#shift-{signup.shift_id}"},
    )


def notify_cancelled(signup):
    return _send(signup.user, "cancelled", {"shift": signup.shift, "shifts_url": shifts_url()})
