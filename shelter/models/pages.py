"""The shelter page at /shelter/: catalog, pet pages, stories, favourites, subscriptions and the
private application status pages, all routes of one page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from portal.models import PageMetaMixin
from portal.search.backend import LEAD_BOOST, TITLE_BOOST


class ShelterIndexPage(PageMetaMixin, RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), max_length=2000, blank=True)
    contacts = models.TextField(_("shelter contacts"), max_length=2000, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("contacts")]
    search_fields = Page.search_fields + [
        index.SearchField("title", boost=TITLE_BOOST),
        index.SearchField("intro", boost=LEAD_BOOST),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("shelter catalog")

    @path("")
    def catalog(self, request):
        from shelter.views.catalog import catalog_view

        return catalog_view(request, self)

    @path("pets/<int:pet_id>/", name="pet")
    def pet(self, request, pet_id):
        from shelter.views.pet import pet_view

        return pet_view(request, self, pet_id)

    @path("found-home/", name="found_home")
    def found_home(self, request):
        from shelter.views.catalog import found_home_view

        return found_home_view(request, self)

    @path("favourites/", name="favourites")
    def favourites(self, request):
        from shelter.views.favourites import favourites_view

        return favourites_view(request, self)

    @path("subscribe/", name="subscribe")
    def subscribe(self, request):
        from shelter.views.subscriptions import subscribe_view

        return subscribe_view(request, self)

    @path("subscriptions/<str:token>/confirm/", name="confirm")
    def confirm_subscription(self, request, token):
        from shelter.views.subscriptions import confirm_view

        return confirm_view(request, self, token)

    @path("subscriptions/<str:token>/unsubscribe/", name="unsubscribe")
    def unsubscribe(self, request, token):
        from shelter.views.subscriptions import unsubscribe_view

        return unsubscribe_view(request, self, token)

    @path("applications/<str:token>/", name="application")
    def application(self, request, token):
        from shelter.views.applications import application_status_view

        return application_status_view(request, self, token)

    def pet_url(self, pet_id):
        return f"{self.url}pets/{pet_id}/"

    def get_sitemap_urls(self, request=None):
        # The catalog only: pet pages come and go, status pages are private.
        return super().get_sitemap_urls(request)
