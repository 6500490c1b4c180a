"""152-ФЗ: applicants' personal data is kept only while the application needs it.

An application closed (or an adoption handed over) longer ago than
settings.SHELTER_APPLICATION_RETENTION_DAYS loses the applicant's name, contacts and what they wrote
(AdoptionApplication.anonymise); the step history stays for statistics.
Run daily: `manage.py anonymise_applications`.
"""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from shelter.models import AdoptionApplication, Step


def anonymise_old_applications(now=None):
    """Anonymise the finished applications older than the retention period; how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(
        days=settings.SHELTER_APPLICATION_RETENTION_DAYS
    )
    finished = Q(step=Step.CLOSED, closed_at__lt=cutoff) | Q(
        step__in=[Step.HANDOVER, Step.FOLLOW_UP], handed_over_at__lt=cutoff
    )
    applications = AdoptionApplication.objects.filter(finished, anonymised_at__isnull=True)
    count = 0
    for application in applications.iterator():
        application.anonymise()
        count += 1
    return count
