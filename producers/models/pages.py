"""The section page at /producers/: directory, producer pages, fairs and their feeds."""

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin

from portal.section_pages import SectionIndexPage, view_route

ROUTE_PREFIXES = {"producer": "", "fair": "fairs/"}


class ProducerIndexPage(RoutablePageMixin, SectionIndexPage):
    class Meta:
        verbose_name = _("producer directory")

    directory = view_route("", "producers.views.public.directory_view", "directory")
    join = view_route("join/", "producers.views.public.join_view", "join")
    fairs = view_route("fairs/", "producers.views.public.fair_list_view", "fairs")
    fair = view_route("fairs/<slug:slug>/", "producers.views.public.fair_view", "fair")
    # Served at /producers/fairs/<slug>/feed.ics through portal.urls "page_file".
    fair_feed = view_route(
        "fairs/<slug:slug>/feed.ics/", "producers.exports.fair_ical_feed", "fair_feed"
    )
    producer = view_route("<slug:slug>/", "producers.views.public.producer_view", "producer")

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
