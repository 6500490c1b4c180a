"""The shelter page at /shelter/: catalog, pet pages, stories, favourites, subscriptions and the
private application status pages, all routes of one page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin

from portal.section_pages import SectionIndexPage, view_route

VIEWS = "shelter.views.public"
EVENTS = "shelter.views.events"


class ShelterIndexPage(RoutablePageMixin, SectionIndexPage):
    contacts = models.TextField(_("shelter contacts"), max_length=2000, blank=True)

    # Where and when residents bring what «Нужды приюта» lists.
    drop_off_address = models.CharField(_("drop-off address"), max_length=255, blank=True)
    drop_off_hours = models.CharField(_("drop-off hours"), max_length=255, blank=True)

    content_panels = SectionIndexPage.content_panels + [
        FieldPanel("contacts"),
        FieldPanel("drop_off_address"),
        FieldPanel("drop_off_hours"),
    ]

    class Meta:
        verbose_name = _("shelter catalog")

    catalog = view_route("", f"{VIEWS}.catalog_view", "catalog")
    pet = view_route("pets/<int:pet_id>/", f"{VIEWS}.pet_view", "pet")
    found_home = view_route("found-home/", f"{VIEWS}.found_home_view", "found_home")
    favourites = view_route("favourites/", f"{VIEWS}.favourites_view", "favourites")
    subscribe = view_route("subscribe/", f"{VIEWS}.subscribe_view", "subscribe")
    confirm_subscription = view_route(
        "subscriptions/<str:token>/confirm/", f"{VIEWS}.confirm_view", "confirm"
    )
    unsubscribe = view_route(
        "subscriptions/<str:token>/unsubscribe/",
        f"{VIEWS}.unsubscribe_view",
        "unsubscribe",
    )
    application = view_route(
        "applications/<str:token>/", f"{VIEWS}.application_status_view", "application"
    )

    # Sign-ups for the shelter's events (shelter.views.events).
    events = view_route("events/", f"{EVENTS}.events_view", "events")
    event = view_route("events/<int:event_id>/", f"{EVENTS}.event_view", "event")
    event_ics = view_route(
        "events/<int:event_id>/event.ics/", f"{EVENTS}.event_ics_view", "event_ics"
    )
    signup_cancel = view_route(
        "events/cancel/<str:token>/", f"{EVENTS}.cancel_view", "signup_cancel"
    )

    # The volunteer programme (shelter.views.volunteers): per person, never page-cached.
    volunteers = view_route("volunteers/", "shelter.views.volunteers.volunteers_view", "volunteers")
    volunteer_shifts = view_route(
        "volunteers/shifts/", "shelter.views.volunteers.shifts_view", "volunteer_shifts"
    )

    def pet_url(self, pet_id):
        return f"{self.url}pets/{pet_id}/"

    def get_sitemap_urls(self, request=None):
        # The catalog only: pet pages come and go, status pages are private.
        return super().get_sitemap_urls(request)
