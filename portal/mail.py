"""The one way the portal sends e-mail: saved first, sent after the transaction commits, retried.

A message is an OutboundEmail row written in the caller's transaction, so whatever the user
submitted and the message about it are saved together. Sending happens after commit; when the mail
server fails, the row stays pending and a task on the "scheduled" backend (run by `manage.py
db_worker --backend scheduled`) tries again with growing delays. Nothing here raises because a mail
server is down.
"""

import datetime
import functools
import logging

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template import engines
from django.utils import timezone
from django_tasks import task

from portal.models import OutboundEmail

logger = logging.getLogger(__name__)

# Delay before each retry; after the last one the message is marked failed for staff to see.
RETRY_DELAYS = [
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=10),
    datetime.timedelta(hours=1),
    datetime.timedelta(hours=6),
    datetime.timedelta(days=1),
]
MAX_ERROR_LENGTH = 2000


def render(template, context):
    """(subject, body) from `<template>_subject.txt` and `<template>_body.txt`, not HTML-escaped."""
    engine = engines["mail"]
    subject = engine.get_template(f"{template}_subject.txt").render(context)
    body = engine.get_template(f"{template}_body.txt").render(context)
    return " ".join(subject.split()), body


def send_templated(to, template, context, *, headers=None, reply_to=None):
    """Save a message rendered from templates for `to` and send it once the transaction commits."""
    subject, body = render(template, context)
    return _queue(to, subject, body, template, headers=headers, reply_to=reply_to)


def queue_message(message, template=""):
    """Save an already built EmailMessage (one per recipient) and send it after commit."""
    return [
        _queue(
            recipient,
            message.subject,
            message.body,
            template,
            headers=message.extra_headers,
            reply_to=(message.reply_to or [""])[0],
        )
        for recipient in message.to
    ]


def _queue(to, subject, body, template, *, headers=None, reply_to=None):
    email = OutboundEmail.objects.create(
        to=to,
        subject=subject[:255],
        body=body,
        headers=headers or {},
        reply_to=reply_to or "",
        template=template,
    )
    transaction.on_commit(functools.partial(deliver, email.pk))
    return email


def deliver(email_id):
    """Try to send one pending message; on failure plan the next attempt. True when sent."""
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update()
            .filter(pk=email_id, status=OutboundEmail.Status.PENDING)
            .first()
        )
        if email is None:  # sent meanwhile, or given up
            return False
        message = EmailMessage(
            email.subject,
            email.body,
            to=[email.to],
            headers=email.headers,
            reply_to=[email.reply_to] if email.reply_to else None,
            connection=get_connection(),
        )
        email.attempts += 1
        try:
            message.send()
        except Exception as error:  # noqa: BLE001 - any transport failure must leave it pending
            _record_failure(email, error)
            return False
        email.status = OutboundEmail.Status.SENT
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save(update_fields=["status", "sent_at", "attempts", "last_error"])
        return True


def _record_failure(email, error):
    email.last_error = repr(error)[:MAX_ERROR_LENGTH]
    if email.attempts > len(RETRY_DELAYS):
        email.status = OutboundEmail.Status.FAILED
        logger.error("E-mail %s to %s failed for good: %s", email.pk, email.to, error)
    else:
        delay = RETRY_DELAYS[email.attempts - 1]
        retry_email.using(run_after=timezone.now() + delay).enqueue(email.pk)
        logger.warning("E-mail %s to %s failed, retry in %s: %s", email.pk, email.to, delay, error)
    email.save(update_fields=["status", "attempts", "last_error"])


@task(backend="scheduled", queue_name="mail")
def retry_email(email_id):
    return deliver(email_id)


def deliver_pending(older_than=datetime.timedelta(minutes=5)):
    """Send what is still pending (a worker that was down): the number sent."""
    cutoff = timezone.now() - older_than
    pending = OutboundEmail.objects.filter(
        status=OutboundEmail.Status.PENDING, created_at__lt=cutoff
    ).values_list("pk", flat=True)
    return sum(deliver(pk) for pk in list(pending))
