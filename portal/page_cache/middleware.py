"""Serving anonymous GETs from the page cache (see the package docstring for what is shared)."""

import hashlib
import logging
import re

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import patch_cache_control

from portal import accessibility
from portal.page_cache import _valid_until, purge
from portal.page_cache.tables import Reading, current_tokens, enabled, store

logger = logging.getLogger(__name__)

ENTRY_PREFIX = "page:"
# Set on every response the cache could serve: "hit", "miss" (rendered and kept) or "pass".
STATUS_HEADER = "X-Page-Cache"
# Never shared, whatever the visitor: the admin, the cabinets, sign-in and account pages.
PRIVATE_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/accounts/",
    "/cabinet/",
    "/healthz",
    "/metrics",
)
MESSAGES_COOKIE = "messages"
# Where a kept page had its CSRF token; each visitor's own token goes back in when it is served.
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')
CSRF_PLACEHOLDER = b"@@page-cache-csrf-token@@"
# Headers added outside this middleware on every response, or never shared.
UNKEPT_HEADERS = {"set-cookie", "vary", "cache-control"}


def request_is_shared(request) -> bool:
    """Whether this request may be answered with, and render, a response shared by everyone."""
    return (
        enabled()
        and request.method in ("GET", "HEAD")
        and not request.path_info.startswith(PRIVATE_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def entry_key(request) -> str:
    """One entry per address, display mode (version for the visually impaired) and calendar day."""
    display = accessibility.from_request(request)
    display = display.to_cookie() if display.enabled else "standard"
    parts = [request.get_host(), request.get_full_path(), display, str(timezone.localdate())]
    return ENTRY_PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _response_is_shared(request, response, reading) -> bool:
    cache_control = response.get("Cache-Control", "")
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not reading.written
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        and not (session is not None and session.modified)
        and not (messages is not None and messages.added_new)
    )


def _kept_content(request, response):
    """The body to keep, with the CSRF token replaced by the placeholder; None: not keepable."""
    content = response.content
    if not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return content, False
    kept, count = CSRF_FIELD.subn(rb"\1" + CSRF_PLACEHOLDER + rb"\2", content)
    # A token used somewhere else than a form field (a script, a header) cannot be swapped.
    return (kept, True) if count and get_token(request).encode() not in kept else (None, False)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_shared(request):
            return self.get_response(request)
        key = entry_key(request)
        entry = store().get(key)
        if entry is not None and current_tokens(entry["tokens"]) == entry["tokens"]:
            return self._serve(request, entry)
        reset = _valid_until.set(None)
        try:
            with Reading() as reading:
                response = self.get_response(request)
            valid_until = _valid_until.get()
        finally:
            _valid_until.reset(reset)
        if _response_is_shared(request, response, reading):
            self._keep(request, response, key, reading, valid_until)
        else:
            response[STATUS_HEADER] = "pass"
            if reading.written:
                # A page view should read only; this one cannot be kept until it does.
                logger.warning("GET %s wrote to %s", request.path, sorted(reading.written))
        return response

    def _keep(self, request, response, key, reading, valid_until):
        content, has_token = _kept_content(request, response)
        if content is None:
            response[STATUS_HEADER] = "pass"
            return
        timeout = settings.PAGE_CACHE_TIMEOUT
        if valid_until is not None:
            timeout = min(timeout, max(1, int((valid_until - timezone.now()).total_seconds())))
        entry = {
            "status": response.status_code,
            "headers": [
                (name, value)
                for name, value in response.items()
                if name.lower() not in UNKEPT_HEADERS
            ],
            "content": content,
            "has_token": has_token,
            "tokens": reading.tokens,
        }
        store().set(key, entry, timeout)
        if purge.enabled() and not has_token:
            purge.note(store(), request.build_absolute_uri(), reading.tokens)
        _mark_shared(response, has_token)
        response[STATUS_HEADER] = "miss"

    def _serve(self, request, entry):
        content = entry["content"]
        if entry["has_token"]:
            content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        response = HttpResponse(content, status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        _mark_shared(response, entry["has_token"])
        response[STATUS_HEADER] = "hit"
        return response


def _mark_shared(response, has_token):
    """Let browsers and proxies keep a copy they revalidate (ETag); a page with a visitor's own
    CSRF token is the visitor's alone."""
    if has_token:
        patch_cache_control(response, private=True, no_cache=True)
        return
    max_age = settings.PAGE_CACHE_PROXY_MAX_AGE
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    if max_age:
        patch_cache_control(response, s_maxage=max_age)
