"""One id per request, repeated by every log line written while it is served.

Behind a proxy that sets one (nginx: `proxy_set_header X-Request-ID $request_id;`, with
TRUSTED_PROXIES set), the proxy's id is used, so its access log and the portal's lines match;
otherwise, or when the header is not a plain token, the portal makes one. The response carries it
back in `X-Request-ID` (a visitor can quote it to the support desk). Lines written outside a
request (the task worker, commands) carry "-".
"""

import logging
import re
import uuid
from contextvars import ContextVar

from django.conf import settings

HEADER = "X-Request-ID"
META_KEY = "HTTP_X_REQUEST_ID"
# What a proxy's id may look like: nginx's $request_id is 32 hex digits; UUIDs and similar too.
VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
NONE = "-"

current = ContextVar("request_id", default=NONE)


def request_id_of(request):
    """The proxy's id when one is trusted and well formed, else a new one."""
    sent = request.META.get(META_KEY, "")
    if settings.PORTAL_TRUSTED_PROXIES and VALID.match(sent):
        return sent
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First of all middleware: the id holds for everything the request logs, and is set on the
    response last (a page served from the page cache gets this request's id, not the stored one)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = request_id_of(request)
        # Not reset here: Django logs a 4xx or 5xx answer ("Not Found: /…") after the middleware
        # returned. `forget` clears it when the response is finished.
        current.set(request.id)
        response = self.get_response(request)
        response[HEADER] = request.id
        return response


def forget(**kwargs):
    """request_finished: the next lines of this thread are not this request's."""
    current.set(NONE)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record (the formatters print it)."""

    def filter(self, record):
        record.request_id = current.get()
        return True
