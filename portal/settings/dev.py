"""Development: debug on, e-mails printed to the console."""

from portal.storage import PRIVATE_ALIAS, PRIVATE_FILE_SYSTEM

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me")
# The worker prints e-mails to the console (portal.mail); EMAIL_BACKEND names another transport.
PORTAL_EMAIL_TRANSPORT = env(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
# Plain static storage so that the dev server works before collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    PRIVATE_ALIAS: {"BACKEND": PRIVATE_FILE_SYSTEM},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SERVE_MEDIA = True
WHITENOISE_AUTOREFRESH = True
