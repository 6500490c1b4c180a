"""The API's rate limit per client address, counted where the portal counts its other limits
(portal.ratelimit: the cache, shared by every node with REDIS_URL). Answers the page cache keeps
are served without reaching a view, so only rendering counts."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import Throttled
from rest_framework.throttling import BaseThrottle

from portal.ratelimit import allow, client_ip

LIMIT = "api"


class AddressThrottle(BaseThrottle):
    def allow_request(self, request, view):
        return allow(LIMIT, client_ip(request) or "unknown")

    def wait(self):
        return None


class TooManyRequests(Throttled):
    default_detail = _("Too many requests to the API from your address. Please try again later.")
