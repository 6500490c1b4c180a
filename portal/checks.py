"""System checks of the portal's own settings (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_stores(app_configs, **kwargs):
    """Without Redis, rate limits and their counters (searches, votes, SMS codes, password
    resets) live in each process's memory and the page cache on one machine's disk: a second app
    node, or a second worker process, would count and cache on its own."""
    if settings.REDIS_URL:
        return []
    return [
        Warning(
            "Rate limits are counted in each process's memory and the page cache is kept on "
            "this machine's disk: with several worker processes or app nodes they are not shared.",
            hint="Set REDIS_URL (redis://host:6379/0): every process and node then shares them.",
            id="portal.W001",
        )
    ]
