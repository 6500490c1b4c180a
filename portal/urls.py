from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.staff import StaffLoginView, StaffPasswordResetView
from portal import accessibility, health, metrics, subscriptions, views
from portal.pages import PublicSitemap

urlpatterns = [
    # Django's own admin is not served: staff work in Wagtail, whose views check their groups.
    # Staff sign in through allauth (a TOTP step, lockout); the reset is rate-limited.
    path("admin/login/", StaffLoginView.as_view(), name="staff_login"),
    path("admin/password_reset/", StaffPasswordResetView.as_view(), name="staff_password_reset"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("cabinet/", include("producers.cabinet_urls")),
    # One-click unsubscribe (RFC 8058): mail clients POST without a CSRF token, so not a page route.
    path("shelter-unsubscribe/", include("shelter.urls")),
    path(
        "unsubscribe/<slug:code>/<str:token>/",
        subscriptions.one_click_unsubscribe,
        name="one_click_unsubscribe",
    ),
    path("discussion/", include("discussion.urls")),
    path("search/", views.search, name="search"),
    path("api/", include("portal.api.urls")),
    # Open data (the sets, their passports and list.csv): before the page routes for .csv files.
    path("opendata/", include("portal.opendata.urls")),
    path("accessibility/", accessibility.choose, name="accessibility"),
    path("healthz", health.healthz, name="healthz"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PublicSitemap}}, name="sitemap"),
]

if settings.SERVE_MEDIA:
    # Development and tests only; in production the web server or object storage serves media.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", views.media),
    ]

urlpatterns += [
    # Page routes ending in a file name (/calendar/feed.ics, /calendar/export.csv): Wagtail's own
    # pattern only matches paths ending in "/", so hand these to page serving as they are; the
    # page (RoutablePageMixin) answers them with a route such as "feed.ics/".
    re_path(r"^((?:[\w\-]+/)*[\w\-]+\.(?:ics|csv)/?)$", wagtail_views.serve, name="page_file"),
    path("", include(wagtail_urls)),
]
