"""The contest's figures on /metrics (portal.metrics): votes cast in the last minute."""

import datetime

from django.utils import timezone

from portal.metrics import gauges


@gauges
def votes():
    since = timezone.now() - datetime.timedelta(minutes=1)
    from contest.models import Vote

    count = Vote.objects.filter(cast_at__gte=since).count()  # cast_at is indexed
    return [("portal_votes_last_minute", "Votes cast in the last minute", count)]
