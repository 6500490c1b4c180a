"""Tests: in-memory e-mail and cache, fast password hashing, plain static files."""

from portal.storage import PRIVATE_ALIAS, PRIVATE_FILE_SYSTEM

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The worker's transport: sent messages land in django.core.mail.outbox. (Django's test runner
# sets EMAIL_BACKEND to the same for mail sent through Django; tests of OutboxBackend set it back.)
PORTAL_EMAIL_TRANSPORT = "django.core.mail.backends.locmem.EmailBackend"
# E-mail is sent when the test's transaction "commits" (django_capture_on_commit_callbacks), so
# `mail.outbox` can be asserted after a request; tests/portal/test_mail.py covers the production
# path (the database backend and a worker). Retries and other deferred tasks stay in the database.
TASKS = {  # noqa: F405
    **TASKS,  # noqa: F405
    "immediate_mail": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["mail"],
    },
}
PORTAL_MAIL_TASK_BACKEND = "immediate_mail"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
# Off in tests that roll their transaction back (no commit: no table token would change); the
# page cache's own tests and the browser tests turn it on (tests/portal/page_cache).
PAGE_CACHE_ENABLED = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    PRIVATE_ALIAS: {"BACKEND": PRIVATE_FILE_SYSTEM},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Django's test client's host: links in e-mails and feeds open with the client as they are.
PUBLIC_BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
ALLOWED_HOSTS = ["*"]
SERVE_MEDIA = True
WHITENOISE_AUTOREFRESH = True
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
SMS_BACKEND = "accounts.sms.LocmemBackend"
# Templates that exist only for tests (e-mail fixtures of portal.mail's own tests).
for engine in TEMPLATES:  # noqa: F405
    engine["DIRS"] = [*engine["DIRS"], BASE_DIR / "tests" / "templates"]  # noqa: F405
