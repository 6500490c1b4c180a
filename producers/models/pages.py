"""The section page at /producers/: directory, producer pages, fairs and their feeds."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from portal.models import PageMetaMixin
from portal.search.backend import LEAD_BOOST, TITLE_BOOST

ROUTE_PREFIXES = {"producer": "", "fair": "fairs/"}


class ProducerIndexPage(PageMetaMixin, RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), max_length=2000, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [
        index.SearchField("title", boost=TITLE_BOOST),
        index.SearchField("intro", boost=LEAD_BOOST),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("producer directory")

    @path("")
    def directory(self, request):
        from producers.views import directory_view

        return directory_view(request, self)

    @path("join/", name="join")
    def join(self, request):
        from producers.views import join_view

        return join_view(request, self)

    @path("fairs/", name="fairs")
    def fairs(self, request):
        from producers.views import fair_list_view

        return fair_list_view(request, self)

    @path("fairs/<slug:slug>/", name="fair")
    def fair(self, request, slug):
        from producers.views import fair_view

        return fair_view(request, self, slug)

    # Served at /producers/fairs/<slug>/feed.ics through portal.urls "page_file".
    @path("fairs/<slug:slug>/feed.ics/", name="fair_feed")
    def fair_feed(self, request, slug):
        from producers.exports import fair_ical_feed

        return fair_ical_feed(request, self, slug)

    @path("<slug:slug>/", name="producer")
    def producer(self, request, slug):
        from producers.views import producer_view

        return producer_view(request, self, slug)

    @classmethod
    def live_page(cls):
        return cls.objects.live().public().first()

    @classmethod
    def url_for(cls, kind, slug):
        """The public address of a producer or a fair, or None while the section has no page."""
        page = cls.live_page()
        if page is None:
            return None
        return f"{page.url}{ROUTE_PREFIXES[kind]}{slug}/"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["map_tile_url"] = getattr(settings, "MAP_TILE_URL", "")
        return context
