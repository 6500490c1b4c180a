from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BaseStreamBlock
from portal.models import PageMetaMixin
from portal.pages import view_restricted_q
from portal.search.backend import BODY_BOOST, LEAD_BOOST, TITLE_BOOST

LATEST_NEWS_COUNT = 6


class HomePage(PageMetaMixin, Page):
    hero_title = models.CharField(_("hero title"), max_length=255, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero link"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_text = models.CharField(_("hero link text"), max_length=100, blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_link"),
                FieldPanel("hero_link_text"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("title", boost=TITLE_BOOST),
        index.SearchField("hero_title", boost=LEAD_BOOST),
        index.SearchField("hero_text", boost=LEAD_BOOST),
        index.SearchField("body", boost=BODY_BOOST),
    ]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    summary_field = "hero_text"
    image_field = "hero_image"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from calendar_pages.models import CalendarIndexPage, upcoming_facilities
        from news.models import NewsPage

        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = NewsPage.objects.for_listing()[:LATEST_NEWS_COUNT]
        # (facility, address) pairs: the calendar page is looked up once, not once a facility.
        calendar = CalendarIndexPage.objects.live().exclude(view_restricted_q()).first()
        context["upcoming_facilities"] = [
            (facility, calendar.facility_url(facility.slug) if calendar else None)
            for facility in upcoming_facilities()
        ]
        return context


class StandardPage(PageMetaMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("title", boost=TITLE_BOOST),
        index.SearchField("intro", boost=LEAD_BOOST),
        index.SearchField("body", boost=BODY_BOOST),
    ]
    parent_page_types = ["home.HomePage", "home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
