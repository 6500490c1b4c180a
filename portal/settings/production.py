"""Production: every secret from the environment, HTTPS only, JSON logs."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import LOGGING, PUBLIC_BASE_URL, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY or SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# Unset, it would be the development server's address in every e-mail and feed.
if not PUBLIC_BASE_URL.startswith("https://"):
    raise ImproperlyConfigured(
        "PUBLIC_BASE_URL must be set in production to the portal's https address, "
        f"e.g. https://sochi.ru (now {PUBLIC_BASE_URL!r})."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Probes and the metrics scraper reach each node directly, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^metrics$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True

LOGGING["handlers"]["console"]["formatter"] = env("LOG_FORMAT", default="json")
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)

# The Wagtail admin shows page previews in a same-origin frame, so framing stays SAMEORIGIN
# (CSP frame-ancestors 'self' says the same) rather than DENY.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
