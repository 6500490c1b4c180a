"""152-ФЗ: voters' personal data is kept only as long as it serves the count.

Once the results of a contest have been published for CONTEST_VOTER_RETENTION_DAYS, its votes
lose the link to the voter's account, the client network, the phone prefix and the phone's keyed
hash. The ballots (receipt
code, entry, time, status) stay, so the published ballot list and its checksum still hold.
Run daily: `manage.py anonymise_contest_voters`.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from contest.models import Vote


@transaction.atomic
def anonymise_votes(now=None):
    """Anonymise the votes whose contest published its results long enough ago; how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(
        days=settings.CONTEST_VOTER_RETENTION_DAYS
    )
    return (
        Vote.objects.filter(contest__results__published_at__lt=cutoff)
        .exclude(voter=None, network="", phone_prefix="", phone_key="")
        .update(voter=None, network="", phone_prefix="", phone_key="")
    )
