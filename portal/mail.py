"""The one way the portal sends e-mail: saved with what caused it, sent by a worker, at most once.

Recording. A message is an OutboundEmail row written in the caller's transaction, so what the user
submitted and the message about it are saved, or rolled back, together. When the transaction
commits, a `send_email` task is enqueued on PORTAL_MAIL_TASK_BACKEND ("scheduled", the database
backend). A request never talks to a mail server: a slow or dead one can neither hang nor fail it,
and the visitor sees success as soon as their data is committed.

Sending. A worker (`manage.py db_worker --backend scheduled --queue-name '*'`) runs the task.
`deliver` claims the row with one conditional UPDATE pending → sending, which only one of the
racers (two workers, a retry task, the safety net, a re-run) can win, on SQLite and PostgreSQL
alike; no transaction is open during the SMTP conversation, which EMAIL_TIMEOUT bounds. Success
records sending → sent. A failure puts the row back to pending with a retry task after a growing
delay (RETRY_DELAYS); after the last one the row is failed.

Interrupted sends: at most once. A row left in "sending" (the worker was killed mid-send, or the
database failed while recording "sent") may or may not have reached the recipient. It is never
re-sent automatically: a duplicate vote receipt or application e-mail costs more trust than a
missing one, which staff can resend. The safety net (`manage.py send_pending_email`, from cron)
marks such rows unconfirmed («не подтверждено») with the reason in last_error and logs each at
ERROR; the mail server's log tells staff whether to resend. `/healthz` counts them.

Layout. Every message has one look (`compose`): the portal's name on top, the body, a footer with
the portal's name, its public address and, for a subscription, the unsubscribe link; a plain-text
part and an HTML part built from the same text with one HTML layout (templates/mail/). Links are
written absolute from the public base URL by the callers (portal.public_url.absolute); the HTML
part turns them into links. A subscription's message also carries the one-click unsubscribe
headers (RFC 8058).

Mail the portal does not write itself. Wagtail's moderation notices and the admin's password
reset send through Django's EMAIL_BACKEND, which is `OutboxBackend`: their messages become outbox
rows in the same layout, sent by the worker like the portal's own. The worker alone talks to the
mail server, through PORTAL_EMAIL_TRANSPORT (what EMAIL_URL names).

Logs name messages by id and template, never by address (personal data).
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.template import engines
from django.utils import timezone
from django.utils.html import urlize
from django.utils.safestring import mark_safe
from django_tasks import task

from portal.models import OutboundEmail
from portal.public_url import base_url

logger = logging.getLogger(__name__)
Status = OutboundEmail.Status

# Delay before each retry; after the last one the message is marked failed for staff to see.
RETRY_DELAYS = [
    datetime.timedelta(minutes=1),
    datetime.timedelta(minutes=10),
    datetime.timedelta(hours=1),
    datetime.timedelta(hours=6),
    datetime.timedelta(days=1),
]
MAX_ERROR_LENGTH = 2000
# The template name of rows written by OutboxBackend (mail built by Wagtail or Django itself).
THROUGH_DJANGO = "django"
INTERRUPTED = (
    "The sender stopped after claiming this message (killed, or the database failed while "
    "recording the result): it may have been delivered. Not re-sent automatically; check the "
    "mail server's log and resend by hand if it was not."
)


def render(template, context):
    """(subject, body) from `<template>_subject.txt` and `<template>_body.txt`, not HTML-escaped."""
    engine = engines["mail"]
    subject = engine.get_template(f"{template}_subject.txt").render(context)
    body = engine.get_template(f"{template}_body.txt").render(context)
    return " ".join(subject.split()), body


@dataclass(frozen=True)
class Unsubscribe:
    """A subscription's way out: the page with one button (the footer's link) and the RFC 8058
    address mail clients POST to (the List-Unsubscribe header); both absolute."""

    page_url: str
    one_click_url: str


def send_templated(to, template, context, *, headers=None, reply_to=None, unsubscribe=None):
    """Save a message rendered from templates for `to`; a worker sends it after commit."""
    subject, body = render(template, context)
    return _queue(
        to, subject, body, template, headers=headers, reply_to=reply_to, unsubscribe=unsubscribe
    )


def queue_message(message, template=""):
    """Save an already built EmailMessage, one row per recipient, in the portal's layout."""
    return [
        _queue(
            recipient,
            message.subject,
            message.body,
            template,
            headers=message.extra_headers,
            reply_to=(message.reply_to or [""])[0],
        )
        for recipient in message.recipients()
    ]


class OutboxBackend(BaseEmailBackend):
    """Django's EMAIL_BACKEND: whatever sends mail through Django (Wagtail's notices, its password
    reset) writes outbox rows in the caller's transaction instead of talking to a mail server."""

    def send_messages(self, email_messages):
        for message in email_messages:
            queue_message(message, template=THROUGH_DJANGO)
        return len(email_messages)


def unsubscribe_headers(unsubscribe_url):
    """One-click unsubscribe (RFC 8058): mail clients show an "unsubscribe" button that POSTs to
    the address; the mailto is for clients without one-click support."""
    mailto = f"mailto:{settings.DEFAULT_FROM_EMAIL}?subject=unsubscribe"
    return {
        "List-Unsubscribe": f"<{unsubscribe_url}>, <{mailto}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def compose(subject, body, unsubscribe=None):
    """(text, html): the message body in the portal's one layout, as plain text and as HTML."""
    context = {
        "subject": subject,
        "body": body.strip(),
        "site_name": settings.WAGTAIL_SITE_NAME,
        "base_url": f"{base_url()}/",
        "unsubscribe_url": unsubscribe.page_url if unsubscribe else "",
    }
    text = engines["mail"].get_template("mail/layout.txt").render(context)
    html = (
        engines["django"]
        .get_template("mail/layout.html")
        .render({**context, "paragraphs": html_paragraphs(context["body"])})
    )
    return text, html


def html_paragraphs(text):
    """The plain text as HTML paragraphs: escaped, addresses made links, line breaks kept."""
    return [
        mark_safe(urlize(paragraph.strip(), autoescape=True).replace("\n", "<br>\n"))  # noqa: S308 - escaped by urlize
        for paragraph in text.split("\n\n")
        if paragraph.strip()
    ]


def _queue(to, subject, body, template, *, headers=None, reply_to=None, unsubscribe=None):
    text, html = compose(subject, body, unsubscribe)
    if unsubscribe:
        headers = {**(headers or {}), **unsubscribe_headers(unsubscribe.one_click_url)}
    email = OutboundEmail.objects.create(
        to=to,
        subject=subject[:255],
        body=text,
        html_body=html,
        headers=headers or {},
        reply_to=reply_to or "",
        template=template,
    )
    # Robust: the data is committed by now, so a failing enqueue must not turn the visitor's
    # success into an error; the row stays pending and the safety net sends it.
    transaction.on_commit(lambda: _enqueue_send(email.pk), robust=True)
    return email


def _enqueue_send(email_id):
    send_email.using(backend=settings.PORTAL_MAIL_TASK_BACKEND).enqueue(email_id)


@task(backend="scheduled", queue_name="mail")
def send_email(email_id):
    return deliver(email_id)


@task(backend="scheduled", queue_name="mail")
def retry_email(email_id):
    return deliver(email_id)


def deliver(email_id):
    """Claim one pending message, send it, record the outcome. True when this call sent it."""
    attempt = _claim(email_id)
    if attempt is None:  # sent, being sent, or given up: someone else's business
        return False
    email = OutboundEmail.objects.get(pk=email_id)
    try:
        _build(email).send()
    except Exception as error:  # noqa: BLE001 - any transport failure must leave it for a retry
        _record_failure(email, attempt, error)
        return False
    try:
        # Its own (sub)transaction, so a failure here cannot poison a caller's transaction.
        with transaction.atomic():
            OutboundEmail.objects.filter(
                pk=email_id, status=Status.SENDING, attempts=attempt
            ).update(status=Status.SENT, sent_at=timezone.now(), last_error="", retry_at=None)
    except DatabaseError:
        # Sent, but the row still says "sending": the safety net marks it unconfirmed, never
        # re-sends it. Raising here would only make a retry look necessary.
        logger.exception("E-mail %s was sent but could not be recorded as sent", email_id)
    return True


def _claim(email_id):
    """The attempt number if this caller won the row (pending → sending), else None.

    One UPDATE with the status in its WHERE clause: the database lets exactly one concurrent
    caller change the row, without locks held over the SMTP conversation.
    """
    won = OutboundEmail.objects.filter(pk=email_id, status=Status.PENDING).update(
        status=Status.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not won:
        return None
    return OutboundEmail.objects.values_list("attempts", flat=True).get(pk=email_id)


def _build(email):
    message = EmailMultiAlternatives(
        email.subject,
        email.body,
        to=[email.to],
        headers=email.headers,
        reply_to=[email.reply_to] if email.reply_to else None,
        connection=get_connection(settings.PORTAL_EMAIL_TRANSPORT, timeout=settings.EMAIL_TIMEOUT),
    )
    if email.html_body:  # rows queued before the HTML layout have none
        message.attach_alternative(email.html_body, "text/html")
    return message


def _record_failure(email, attempt, error):
    """Back to pending with a retry planned, or failed after the last retry."""
    last_error = repr(error)[:MAX_ERROR_LENGTH]
    claimed = OutboundEmail.objects.filter(pk=email.pk, status=Status.SENDING, attempts=attempt)
    if attempt > len(RETRY_DELAYS):
        if claimed.update(status=Status.FAILED, last_error=last_error, retry_at=None):
            logger.error("E-mail %s (%s) failed for good: %s", email.pk, email.template, error)
        return
    retry_at = timezone.now() + RETRY_DELAYS[attempt - 1]
    if claimed.update(status=Status.PENDING, last_error=last_error, retry_at=retry_at):
        retry_email.using(run_after=retry_at).enqueue(email.pk)
        logger.warning(
            "E-mail %s (%s) not sent, retry at %s: %s", email.pk, email.template, retry_at, error
        )


def deliver_pending(older_than=datetime.timedelta(minutes=5)):
    """The safety net: send what waits too long, flag what was interrupted. The number sent.

    Pending rows whose due time (created, or the planned retry) is older than `older_than` are
    sent, as a worker that was down would have. Rows claimed longer ago than that and still
    "sending" were interrupted: marked unconfirmed, never re-sent (see the module docstring).
    """
    cutoff = timezone.now() - older_than
    mark_interrupted(cutoff)
    due = (
        OutboundEmail.objects.filter(status=Status.PENDING)
        .annotate(due_at=Coalesce("retry_at", "created_at"))
        .filter(due_at__lt=cutoff)
        .values_list("pk", flat=True)
    )
    return sum(deliver(pk) for pk in list(due))


def mark_interrupted(cutoff):
    """Rows stuck in "sending" since before `cutoff` become unconfirmed; their ids."""
    stuck = OutboundEmail.objects.filter(status=Status.SENDING).filter(
        Q(claimed_at__lt=cutoff) | Q(claimed_at__isnull=True)
    )
    marked = []
    for pk in list(stuck.values_list("pk", flat=True)):
        # Conditional again: a sender that finishes right now keeps its "sent".
        if stuck.filter(pk=pk).update(status=Status.UNCONFIRMED, last_error=INTERRUPTED):
            logger.error("E-mail %s was interrupted while sending; left unconfirmed", pk)
            marked.append(pk)
    return marked
