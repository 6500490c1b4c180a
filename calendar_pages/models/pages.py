"""The calendar page at /calendar/: list and month grid, facility pages, iCalendar and CSV."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from portal.models import PageMetaMixin
from portal.search.backend import LEAD_BOOST, TITLE_BOOST


class CalendarIndexPage(PageMetaMixin, RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [
        index.SearchField("title", boost=TITLE_BOOST),
        index.SearchField("intro", boost=LEAD_BOOST),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("commissioning calendar")

    @path("")
    def calendar(self, request):
        from calendar_pages.views import calendar_view

        return calendar_view(request, self)

    @path("facilities/<slug:slug>/", name="facility")
    def facility(self, request, slug):
        from calendar_pages.views import facility_view

        return facility_view(request, self, slug)

    # Served at /calendar/feed.ics and /calendar/export.csv through portal.urls "page_file".
    @path("feed.ics/", name="feed")
    def ical_feed(self, request):
        from calendar_pages.exports import ical_feed

        return ical_feed(request, self)

    @path("export.csv/", name="export")
    def csv_export(self, request):
        from calendar_pages.exports import csv_export

        return csv_export(request, self)

    def facility_url(self, slug):
        return f"{self.url}facilities/{slug}/"
