"""Remove applicants' personal data from applications closed longer ago than the retention
period (settings.SHELTER_APPLICATION_RETENTION_DAYS, 365 by default), as 152-ФЗ requires."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from shelter.models import AdoptionApplication, Step

DEFAULT_RETENTION_DAYS = 365


def retention_days():
    return getattr(settings, "SHELTER_APPLICATION_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)


def anonymise_old_applications(now=None):
    """Closed applications (and adoptions past their follow-up) older than the retention period;
    returns how many were anonymised."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days())
    finished = Q(step=Step.CLOSED, closed_at__lt=cutoff) | Q(
        step__in=[Step.HANDOVER, Step.FOLLOW_UP], handed_over_at__lt=cutoff
    )
    applications = AdoptionApplication.objects.filter(finished, anonymised_at__isnull=True)
    count = 0
    for application in applications.iterator():
        application.anonymise()
        count += 1
    return count


class Command(BaseCommand):
    help = "Anonymise adoption applications finished longer ago than the retention period."

    def handle(self, *args, **options):
        count = anonymise_old_applications()
        self.stdout.write(f"{count} application(s) anonymised")
