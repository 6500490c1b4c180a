import logging
from functools import lru_cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.db import InternalError, OperationalError
from django.shortcuts import render

logger = logging.getLogger(__name__)

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


# Where django-csp's view decorators put a view's own policy on its response.
VIEW_POLICIES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)


@lru_cache(maxsize=2)
def site_policy(report_only):
    """The header of the site policy as the settings give it ("" when there is none)."""
    return build_policy(report_only=report_only)


def _forget_site_policy(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        site_policy.cache_clear()


setting_changed.connect(_forget_site_policy)


class PortalCSPMiddleware(CSPMiddleware):
    """The strict site policy, relaxed for the Wagtail admin, whose widgets use inline code.

    A public response with neither a nonce nor a view's own policy gets the site policy built once
    per process: django-csp builds it again for every response, a fifth of the time of a page
    served from the page cache."""

    def process_response(self, request, response):
        if (
            settings.DEBUG
            or getattr(request, "_csp_nonce", None) is not None
            or request.path_info.startswith(ADMIN_PREFIXES)
            or any(hasattr(response, name) for name in VIEW_POLICIES)
            or _excludes_prefixes()
        ):
            return super().process_response(request, response)
        for header, report_only in ((HEADER, False), (HEADER_REPORT_ONLY, True)):
            policy = site_policy(report_only)
            if policy and header not in response:
                response[header] = policy
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

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


def _excludes_prefixes():
    policies = (
        getattr(settings, "CONTENT_SECURITY_POLICY", None),
        getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None),
    )
    return any((policy or {}).get("EXCLUDE_URL_PREFIXES") for policy in policies)


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
