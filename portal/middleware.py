import logging

from csp.middleware import CSPMiddleware, PolicyParts
from django.db import InternalError, OperationalError
from django.shortcuts import render

logger = logging.getLogger(__name__)

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class PortalCSPMiddleware(CSPMiddleware):
    """The strict site policy, relaxed for the Wagtail admin, whose widgets use inline code."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIXES):
            parts.update = {
                "script-src": ["'unsafe-inline'"],
                "style-src": ["'unsafe-inline'"],
                "img-src": ["blob:"],
                **(parts.update or {}),
            }
        return parts


RETRY_AFTER_SECONDS = 60


class DatabaseUnavailableMiddleware:
    """A database that refuses writes or does not answer gets a Russian 503 page, not a 500.

    What the visitor typed is not lost: nothing of it was saved (the transaction rolled back), and
    the page says so and that the browser's Back button returns to the filled-in form.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InternalError)):
            return None  # a programming or integrity error is a bug: the usual 500
        logger.error(
            "Database unavailable: %s %s", request.method, request.path, exc_info=exception
        )
        try:
            response = render(request, "503.html", status=503)
        except Exception:
            logger.exception("The 503 page could not be rendered")
            return None  # the static 500 page, still in Russian
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
