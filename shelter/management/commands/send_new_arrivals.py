"""Daily (cron): mail each confirmed subscriber the pets published since their last mail that
match their saved filter."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone

from shelter.filters import PetFilter
from shelter.models import Pet, Subscription
from shelter.notifications import notify_new_arrivals

MAX_PETS_PER_MAIL = 20


def new_arrivals_for(subscription, now):
    filterset = PetFilter(QueryDict(subscription.query), queryset=Pet.objects.in_catalog())
    if not filterset.is_valid():
        return []
    since = subscription.last_sent_at or subscription.confirmed_at
    return list(
        filterset.qs.filter(published_at__gt=since, published_at__lte=now).order_by(
            "-published_at", "-pk"
        )[:MAX_PETS_PER_MAIL]
    )


def send_new_arrivals(now=None):
    """The number of e-mails queued."""
    now = now or timezone.now()
    sent = 0
    for subscription in Subscription.objects.active().iterator():
        pets = new_arrivals_for(subscription, now)
        with transaction.atomic():
            if pets:
                notify_new_arrivals(subscription, pets)
                sent += 1
            Subscription.objects.filter(pk=subscription.pk).update(last_sent_at=now)
    return sent


class Command(BaseCommand):
    help = "Mail subscribers the new pets that match their saved catalog filter (run daily)."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_new_arrivals()} e-mail(s) queued")
