"""The calendar page at /calendar/: list and month grid, facility pages, iCalendar and CSV."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin

from portal.section_pages import SectionIndexPage, view_route

SUBSCRIPTION_VIEWS = "calendar_pages.views.subscriptions"


class CalendarIndexPage(RoutablePageMixin, SectionIndexPage):
    intro = models.TextField(_("introduction"), blank=True)

    class Meta:
        verbose_name = _("commissioning calendar")

    calendar = view_route("", "calendar_pages.views.public.calendar_view", "calendar")
    facility = view_route(
        "facilities/<slug:slug>/", "calendar_pages.views.public.facility_view", "facility"
    )
    # Served at /calendar/feed.ics and /calendar/export.csv through portal.urls "page_file".
    ical_feed = view_route("feed.ics/", "calendar_pages.exports.ical_feed", "feed")
    csv_export = view_route("export.csv/", "calendar_pages.exports.csv_export", "export")

    subscribe = view_route("subscribe/", f"{SUBSCRIPTION_VIEWS}.subscribe", "subscribe")
    confirm_subscription = view_route(
        "subscriptions/<str:token>/confirm/", f"{SUBSCRIPTION_VIEWS}.confirm", "confirm"
    )
    unsubscribe = view_route(
        "subscriptions/<str:token>/unsubscribe/", f"{SUBSCRIPTION_VIEWS}.unsubscribe", "unsubscribe"
    )

    def facility_url(self, slug):
        return f"{self.url}facilities/{slug}/"
