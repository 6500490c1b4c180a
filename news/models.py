from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from discussion.models import Discussable, DiscussableQuerySetMixin
from portal.blocks import BaseStreamBlock
from portal.models import PageMetaMixin
from portal.pages import PublicInSqlQuerySet
from portal.search.backend import BODY_BOOST, LEAD_BOOST, TITLE_BOOST
from portal.section_pages import SectionIndexPage, view_route
from portal.subscriptions import DigestSubscription


class NewsPageTag(TaggedItemBase):
    """A news item's topic ("Тематика")."""

    content_object = ParentalKey(
        "news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPageQuerySet(DiscussableQuerySetMixin, PublicInSqlQuerySet):
    def for_listing(self):
        """Live public news, newest first, with what a list shows (comment counts included)
        fetched in a fixed number of queries whatever the number of items."""
        renditions = Prefetch(
            "main_image__renditions",
            queryset=get_image_model().get_rendition_model().objects.all(),
        )
        return (
            self.live()
            .public()
            .order_by("-date", "-pk")
            .select_related("main_image")
            .prefetch_related(renditions, "tags")
            .with_comment_counts()
        )


NewsPageManager = PageManager.from_queryset(NewsPageQuerySet)


SUBSCRIPTION_VIEWS = "news.views.subscriptions"


class NewsIndexPage(RoutablePageMixin, SectionIndexPage):
    intro = models.TextField(_("introduction"), blank=True)

    subpage_types = ["news.NewsPage"]

    class Meta:
        verbose_name = _("news index")

    news_list = view_route("", "news.views.public.news_list", "news_list")
    subscribe = view_route("subscribe/", f"{SUBSCRIPTION_VIEWS}.subscribe", "subscribe")
    confirm_subscription = view_route(
        "subscriptions/<str:token>/confirm/", f"{SUBSCRIPTION_VIEWS}.confirm", "confirm"
    )
    unsubscribe = view_route(
        "subscriptions/<str:token>/unsubscribe/", f"{SUBSCRIPTION_VIEWS}.unsubscribe", "unsubscribe"
    )

    @path("feed/")
    def rss_feed(self, request):
        from news.feeds import NewsRssFeed

        return NewsRssFeed()(request, index_page=self)

    @path("feed/atom/")
    def atom_feed(self, request):
        from news.feeds import NewsAtomFeed

        return NewsAtomFeed()(request, index_page=self)

    def news(self):
        return NewsPage.objects.child_of(self).for_listing()


class NewsPage(Discussable, PageMetaMixin, Page):
    date = models.DateField(_("date"), default=timezone.localdate, db_index=True)
    lead = models.TextField(
        _("lead"), help_text=_("One or two sentences shown in lists and feeds.")
    )
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("topics"))

    objects = NewsPageManager()

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("date"), FieldPanel("tags")], heading=_("Publication")),
        FieldPanel("lead"),
        FieldPanel("main_image"),
        FieldPanel("body"),
        InlinePanel("related_pages", label=_("Related pages")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("title", boost=TITLE_BOOST),
        index.SearchField("lead", boost=LEAD_BOOST),
        index.SearchField("body", boost=BODY_BOOST),
        index.RelatedFields("tags", [index.SearchField("name", boost=BODY_BOOST)]),
        index.FilterField("date"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    meta_type = "article"
    summary_field = "lead"
    image_field = "main_image"

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def related_live_pages(self):
        return [
            link.related_page
            for link in self.related_pages.select_related("related_page")
            if link.related_page.live
        ]


class NewsPageRelatedPage(Orderable):
    page = ParentalKey(NewsPage, related_name="related_pages", on_delete=models.CASCADE)
    related_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("related_page")]


class NewsSubscription(DigestSubscription):
    """News by e-mail: a digest of one topic's news (or of all news), daily or weekly."""

    # Empty: every topic. A topic editors delete takes its subscriptions with it.
    topic = models.ForeignKey(
        "taggit.Tag",
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta(DigestSubscription.Meta):
        verbose_name = _("news subscription")
        verbose_name_plural = _("news subscriptions")

    def __str__(self):
        return f"{self.email}: {self.topic or '—'}"
