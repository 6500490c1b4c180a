"""The portal's rate limits: one counter per scope and client, kept in the cache for a period.

Policies (requests per period) live in settings.PORTAL_RATE_LIMITS so that operations can tune them
in one place. With Redis configured the counters are shared by every worker.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def allow(scope, key):
    """Count one request of `key` (an address, an account id) in `scope`; False when over."""
    limit, period = settings.PORTAL_RATE_LIMITS[scope]
    # The window opens with the client's first request and lasts `period` seconds (the counter's
    # expiry), so requests close together always share one window, whatever the clock says.
    digest = hashlib.sha256(str(key).encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{digest}"
    if cache.add(cache_key, 1, timeout=period):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the window expired between add() and incr()
        cache.add(cache_key, 1, timeout=period)
        return True
    return count <= limit


def client_ip(request):
    """The client's address; behind PORTAL_TRUSTED_PROXIES proxies, the one they report."""
    proxies = settings.PORTAL_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")
