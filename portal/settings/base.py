"""Settings shared by every environment; each environment module imports and adjusts these.

Everything that differs between machines comes from environment variables (see `.env.example`).
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.utils.translation import gettext_lazy as _

from portal.public_url import public_base_url
from portal.storage import media_storages

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PORTAL_DIR = BASE_DIR / "portal"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me")
# Old keys still accepted while a new SECRET_KEY takes over (sessions, reset links); see README.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Where the public reaches the portal, e.g. https://sochi.ru: every absolute link (e-mails, feeds,
# iCal, the sitemap, the Wagtail Site record) is built from it by portal.public_url. Unset: the
# development server's address (`make run` sets it); production settings require https.
PUBLIC_BASE_URL = public_base_url(env("PUBLIC_BASE_URL", default="") or "http://127.0.0.1:8000")
# A Russian page in the portal's layout (Django's English one is styled inline, which CSP blocks).
CSRF_FAILURE_VIEW = "portal.errors.csrf_failure"

INSTALLED_APPS = [
    "portal",
    "home",
    "news",
    "projects",
    "calendar_pages",
    "shelter",
    "producers",
    "contest",
    "accounts",
    "discussion",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "import_export",
    "phonenumber_field",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    # Swagger UI's files, served from static (no CDN).
    "drf_spectacular_sidecar",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: every log line of the request carries its id (portal.request_id).
    "portal.request_id.RequestIdMiddleware",
    # Counts every request by view, page cache hits included (portal.metrics).
    "portal.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag and 304 for every GET, kept pages included.
    "django.middleware.http.ConditionalGetMiddleware",
    "portal.middleware.PortalCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Inside CSRF (a kept page gets the visitor's own token and cookie), outside everything a
    # page view needs: a hit is answered here.
    "portal.page_cache.middleware.PageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.mfa.StaffSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Late, so it sees a view's database error first: a Russian 503 page instead of a 500.
    "portal.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Every `{{ form }}` renders through templates/includes/forms (templates/django/forms/ points
# there); TemplatesSetting finds Django's own widget templates through the "django.forms" app.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
INSTALLED_APPS.append("django.forms")

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.accessibility",
                "portal.context_processors.maps",
            ],
        },
    },
    {
        # Plain-text e-mail templates (portal.mail): the same folders, nothing HTML-escaped.
        "NAME": "mail",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env.bool(
    "DATABASE_JIT", default=False
):
    # PostgreSQL's JIT compiler spends 100-200 ms compiling a catalog's facet count (one aggregate
    # of many filtered COUNTs, costed above jit_above_cost) that runs in 20-60 ms without it, and
    # gains nothing on a page's short queries: off on the portal's connections.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is optional: without REDIS_URL the cache lives in process memory, and the page cache
# (portal.page_cache) in files that every process of this machine shares.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"IGNORE_EXCEPTIONS": False},
        }
        for alias, prefix in (("default", "portal"), ("pages", "portal-pages"))
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "portal.page_cache.files.FileCache",
            "LOCATION": env.path("PAGE_CACHE_DIR", default=BASE_DIR / "var" / "page_cache"),
            "OPTIONS": {"MAX_ENTRIES": env.int("PAGE_CACHE_MAX_ENTRIES", default=20000)},
        },
    }
# Anonymous GETs of public pages are rendered once per change (portal.page_cache).
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
# Seconds a kept page lives at most; it is out of date much sooner, at the first write it read.
PAGE_CACHE_TIMEOUT = env.int("PAGE_CACHE_TIMEOUT", default=24 * 60 * 60)
# Seconds a proxy or CDN in front may keep a public page (s-maxage); 0: it must ask each time
# (ETag). Set it only with WAGTAILFRONTENDCACHE purging that proxy (docs/page-cache.md).
PAGE_CACHE_PROXY_MAX_AGE = env.int("PAGE_CACHE_PROXY_MAX_AGE", default=0)

# Signing in: allauth, the staff's second factor, lockouts, SMS codes, passwords.
from .accounts import *  # noqa: E402, F403

ACCOUNT_DEFAULT_HTTP_PROTOCOL = urlsplit(PUBLIC_BASE_URL).scheme

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", _("Russian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Moscow"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ru", "Русский")]
WAGTAIL_CONTENT_LANGUAGES = [("ru", "Русский")]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static_collected")
# Front-end libraries are served from static/vendor/ (Leaflet's release files, version in the
# header of leaflet.js), not from a CDN.
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
# Uploads only the portal's views hand out (portal.storage.private_storage): never under /media/.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
# Uploaded files: MEDIA_ROOT, or S3-compatible object storage with MEDIA_S3_BUCKET (several app
# nodes): originals and documents private and signed, renditions public (portal.storage).
_media, _rendition_storage = media_storages(env)
STORAGES = {
    **_media,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if _rendition_storage:
    WAGTAILIMAGES_RENDITION_STORAGE = _rendition_storage
    # The document view checks a document's privacy, then redirects to its signed address.
    WAGTAILDOCS_SERVE_METHOD = "redirect"

# E-mail: EMAIL_URL such as smtp+tls://user:password@smtp.example.org:587 or consolemail://
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# Only the worker talks to the mail server, through what EMAIL_URL names (portal.mail); anything
# else that sends through Django (Wagtail's moderation notices, its password reset) writes to the
# outbox, so no request waits for the mail server and every message has the portal's layout.
PORTAL_EMAIL_TRANSPORT = EMAIL_BACKEND  # noqa: F821 (set by env.email_url above)
EMAIL_BACKEND = "portal.mail.OutboxBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="portal@sochi.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Seconds the worker waits for the mail server per step before giving up and planning a retry;
# EMAIL_URL does not set it, and without it a server that never answers blocks a worker for good.
EMAIL_TIMEOUT = env.float("EMAIL_TIMEOUT", default=10)

# Background work (django-tasks). "default" runs at once, in the process that enqueues it (what
# Wagtail uses too); "scheduled" keeps tasks in the database for `manage.py db_worker` to run:
# e-mail retries and reminders due days or months later.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "scheduled": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mail"]},
}
# Where a committed request's e-mail goes (portal.mail): the worker, never the request itself.
PORTAL_MAIL_TASK_BACKEND = "scheduled"
# /healthz (portal.health) answers 503 when the oldest pending e-mail or task has waited this long
# (seconds): the worker is down or the mail server has refused everything for an hour.
PORTAL_HEALTH_MAX_BACKLOG_AGE = env.int("HEALTH_MAX_BACKLOG_AGE", default=3600)

WAGTAIL_SITE_NAME = "Портал города Сочи"
# Links in Wagtail's own e-mails (moderation, workflow).
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "portal.search.backend",
        "SEARCH_CONFIG": "russian",
    }
}
# --- search: Elasticsearch scale-out (issue 7); the database backend above stays the default ---
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", default="portal_")
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=5.0)
ELASTICSEARCH_REPLICAS = env.int("ELASTICSEARCH_REPLICAS", default=1)
# The catalogs' elasticsearch-dsl documents (portal.search.es), kept in step by signals.
ELASTICSEARCH_DOCUMENTS = [
    "calendar_pages.search.FacilityDocument",
    "shelter.search.PetDocument",
    "producers.search.ProducerDocument",
    "producers.search.ProductDocument",
]
INSTALLED_APPS.append("portal.search.es")
if ELASTICSEARCH_URL:
    # The database backend stays up to date under its own name: the catalogs fall back to it.
    WAGTAILSEARCH_BACKENDS["database"] = dict(WAGTAILSEARCH_BACKENDS["default"])
    from portal.search.es.analysis import wagtail_index_settings

    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "wagtail.search.backends.elasticsearch8",
        "URLS": [ELASTICSEARCH_URL],
        "INDEX_PREFIX": f"{ELASTICSEARCH_INDEX_PREFIX}wagtail_",
        "TIMEOUT": ELASTICSEARCH_TIMEOUT,
        "INDEX_SETTINGS": wagtail_index_settings(),
    }
# "database" or "elasticsearch": which implementation portal.search.catalog uses.
PORTAL_CATALOG_SEARCH = env(
    "PORTAL_CATALOG_SEARCH", default="elasticsearch" if ELASTICSEARCH_URL else "database"
)
# --- end search ---
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"png": "webp", "jpeg": "webp"}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Upload limits, shared by the admin and every public or cabinet form (portal.uploads): a picture
# is refused by its byte size, then by its header's pixel count, before it is decoded.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Uploads above this are streamed to a temporary file (removed when the request ends) instead of
# memory; form fields without files are capped at the same size.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# A multipart body far above the limits is refused before it is read (portal.uploads).
FILE_UPLOAD_HANDLERS = [
    "portal.uploads.RequestSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
# The admin calls no outside service: no avatars from gravatar, no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
TAGGIT_CASE_INSENSITIVE = True
# Latin topic slugs keep filter URLs readable when shared: ?tag=ekologiia
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The public API: /api/v1/, its schema and docs (portal.api); security headers: CSP,
# Permissions-Policy and the others.
from .api import *  # noqa: E402, F403
from .security import *  # noqa: E402, F403

# Shared by every paginated list of the portal (portal.pagination).
PORTAL_PAGE_SIZE = 12
# The first option of every filter's list (django-filter's default is «---------»).
FILTERS_EMPTY_CHOICE_LABEL = _("All")
# Adoption applications are anonymised this many days after they are closed (152-ФЗ retention).
SHELTER_APPLICATION_RETENTION_DAYS = env.int("SHELTER_APPLICATION_RETENTION_DAYS", default=365)
# How many upcoming shifts one volunteer may be signed up for at once (shelter.volunteering).
SHELTER_VOLUNTEER_MAX_UPCOMING_SHIFTS = 4
# Votes lose the voter's link, network and phone prefix this many days after results are published.
CONTEST_VOTER_RETENTION_DAYS = env.int("CONTEST_VOTER_RETENTION_DAYS", default=365)

# The open-data section /opendata/ (portal.opendata): the owner of the sets, whose ИНН starts
# every set's identifier (<ИНН>-<code>), and the official who answers for their publication.
OPENDATA_OWNER_INN = env("OPENDATA_OWNER_INN", default="2320037846")
OPENDATA_OWNER_NAME = env(
    "OPENDATA_OWNER_NAME",
    default="Администрация муниципального образования городской округ "
    "город-курорт Сочи Краснодарского края",
)
OPENDATA_RESPONSIBLE_NAME = env(
    "OPENDATA_RESPONSIBLE_NAME",
    default="Ответственный за открытые данные, управление информатизации и связи",
)
OPENDATA_RESPONSIBLE_EMAIL = env("OPENDATA_RESPONSIBLE_EMAIL", default="opendata@sochi.example")
OPENDATA_RESPONSIBLE_PHONE = env("OPENDATA_RESPONSIBLE_PHONE", default="+7 862 264-00-00")

# Rate limits (portal.ratelimit): scope -> (requests, seconds) per client address or account.
PORTAL_RATE_LIMITS = {
    "adoption_application": (5, 3600),
    "shelter_subscription": (5, 3600),
    # Sign-ups and their retries for shelter events, per account.
    "event_signup": (20, 3600),
    # The shelter's volunteers, per account: applications, and shift sign-ups with cancellations.
    "volunteer_application": (5, 3600),
    "volunteer_shift": (30, 3600),
    # News and calendar subscriptions (portal.subscription_views): per client address, and per
    # address subscribed, since each subscription mails a confirmation to it.
    "subscription": (10, 3600),
    "subscription_email": (3, 3600),
    "producer_submit": (30, 3600),
    # SMS codes: per account, per client address, and per phone number across accounts (the
    # number's limits count its codes in the database, so a cache flush does not reset them).
    "otp_send": (3, 600),
    "otp_send_ip": (10, 3600),
    "otp_send_phone": (3, 600),
    "otp_send_phone_daily": (6, 86400),
    "vote_ip": (30, 3600),
    "vote_account": (5, 3600),
    # A ТОС chair's photos and documents (contest.views.apply), per account.
    "tos_application_upload": (60, 3600),
    # Site search per client address: plenty for a person, a wall for a flood of queries.
    "site_search": (30, 60),
    # The Wagtail admin's password reset (accounts.staff): e-mails per client address and per
    # address typed.
    "password_reset_ip": (10, 3600),
    "password_reset_email": (3, 3600),
    # The API (portal.api) per client address; answers from the page cache do not count.
    "api": (120, 60),
    # The resident's download of their data and password tries on the deletion page, per account.
    "personal_data_download": (10, 3600),
    "account_deletion": (5, 3600),
    # Residents' comments and reports (discussion.posting), per account and per client address.
    "comment_account": (10, 3600),
    "comment_ip": (30, 3600),
    "comment_report": (20, 3600),
    "comment_report_ip": (60, 3600),
}
# Who may read /metrics (portal.metrics): addresses or networks, comma-separated.
METRICS_ALLOWED_ADDRESSES = env.list("METRICS_ALLOWED_ADDRESSES", default=["127.0.0.1", "::1"])
# Reverse proxies in front of the portal (nginx: 1): how many X-Forwarded-For hops to trust.
PORTAL_TRUSTED_PROXIES = env.int("TRUSTED_PROXIES", default=0)
# Longest search query we accept; longer ones get a polite 400.
PORTAL_SEARCH_MAX_LENGTH = 200

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(request_id)s %(name)s %(message)s",
        },
    },
    # The id of the request a line was written for (portal.request_id), "-" outside one.
    "filters": {"request_id": {"()": "portal.request_id.RequestIdFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("LOG_FORMAT", default="plain"),
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per background task run is noise; failures are still logged.
        "django_tasks": {"level": "WARNING"},
    },
}

# The admin fills page slugs in Latin letters (portal.slugs does the same on the server).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
