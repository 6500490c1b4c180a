"""Subscription digests: what changed in a section over a day or a week, once per period.

`manage.py send_digests` (cron, daily, early morning) enqueues `send_digests_task` on the
"scheduled" backend; the worker builds, for every confirmed subscription of every registered
kind (portal.subscriptions), the digest of its last complete period: yesterday for a daily one,
last week (Monday to Monday, local time) for a weekly one. Running daily is right for both: a
weekly digest goes out on the first run after its week ends, and later runs find it built.

Once per period: the digest's row (SubscriptionDigest, unique per kind, subscription and period
start) is inserted in the same transaction as its e-mail's outbox row. A second builder of the same
digest (a re-run, a second worker, a retry) cannot insert it: on PostgreSQL its insert waits for
the first transaction and then fails, so it queues nothing. A period with nothing new sends nothing
and records nothing.
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from portal.mail import send_templated
from portal.models import SubscriptionDigest
from portal.subscriptions import Frequency, kinds

logger = logging.getLogger(__name__)
MAX_ITEMS = 30


def last_period(frequency, now=None):
    """(start, end) of the last complete day or week (from Monday) before `now`, local time."""
    today = timezone.localtime(now or timezone.now()).date()
    if frequency == Frequency.WEEKLY:
        end_day = today - datetime.timedelta(days=today.weekday())
        length = datetime.timedelta(weeks=1)
    else:
        end_day, length = today, datetime.timedelta(days=1)
    tz = timezone.get_current_timezone()
    end = datetime.datetime.combine(end_day, datetime.time.min, tzinfo=tz)
    start = datetime.datetime.combine(end_day - length, datetime.time.min, tzinfo=tz)
    return start, end


def send_digests(now=None):
    """Build every digest whose period has ended; the number of e-mails queued."""
    queued = 0
    for kind in kinds():
        for frequency in Frequency:
            start, end = last_period(frequency, now)
            # Confirmed before the period ended: a newer subscriber's first digest is the next.
            due = kind.model.objects.active().filter(frequency=frequency, confirmed_at__lt=end)
            for subscription in due.iterator():
                queued += send_digest(kind, subscription, start, end) is not None
    return queued


def send_digest(kind, subscription, start, end):
    """Queue this period's digest for the subscription, unless there is nothing new or it was
    built already. The queued OutboundEmail, or None."""
    items = kind.digest_items(subscription, start, end)
    if not items:
        return None
    with transaction.atomic():
        try:
            with transaction.atomic():
                digest = SubscriptionDigest.objects.create(
                    kind=kind.code, subscription_id=subscription.pk, period_start=start
                )
        except IntegrityError:
            return None  # built by another run: once per period
        digest.email = send_templated(
            subscription.email,
            "portal/mail/digest",
            {
                "kind": kind,
                "subscription": subscription,
                "subscribed_to": kind.describe(subscription),
                "items": items[:MAX_ITEMS],
                "more": max(len(items) - MAX_ITEMS, 0),
                "start": timezone.localtime(start).date(),
                "last_day": timezone.localtime(end).date() - datetime.timedelta(days=1),
                "section_url": kind.page_url(),
            },
            unsubscribe=kind.unsubscribe(subscription),
        )
        digest.save(update_fields=["email"])
    return digest.email


@task(backend="scheduled")
def send_digests_task():
    queued = send_digests()
    logger.info("Subscription digests: %s e-mail(s) queued", queued)
    return queued
