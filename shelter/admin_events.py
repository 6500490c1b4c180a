"""The shelter's events in the Wagtail admin (group «Приют»): sign-up settings of the city events
in the shelter's categories, with the sign-ups listed read-only (their states change only
through shelter.event_signups), and «Нужды приюта».

The events themselves are the project office's calendar records: the shelter picks one from a
plain list (the calendar's chooser is the project office's) and edits only its sign-up settings.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, Panel
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from portal.admin_wording import PortalSnippetViewSet, Wording
from shelter.event_signups import places_changed
from shelter.models import EventSignupSettings, ShelterNeed


class SignupsPanel(Panel):
    """The event's sign-ups, read-only, in the order places are given."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "shelter/admin/signups_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            rows = []
            if self.instance is not None and self.instance.pk:
                rows = self.instance.event.signups.order_by("role", "state", "created_at", "pk")
            context["rows"] = rows
            return context


class EventSignupSettingsViewSet(PortalSnippetViewSet):
    model = EventSignupSettings
    icon = "date"
    menu_label = _("Event sign-ups")
    wording = Wording(
        add=_("Open sign-ups for an event"),
        new=_("New event sign-ups"),
        created=_("Sign-ups for «%(object)s» added."),
        updated=_("Sign-ups for «%(object)s» saved."),
        deleted=_("Sign-ups for «%(object)s» deleted."),
        not_saved=_("The sign-up settings could not be saved: correct the errors below."),
        choose=_("Choose event sign-ups"),
        delete=_("Delete the sign-ups for «%(object)s» with every sign-up?"),
        count=ngettext_lazy(
            "%(count)s event with sign-ups", "%(count)s events with sign-ups", "count"
        ),
    )
    list_display = ["event", "visitor_places", "volunteer_places", "signups_open", "closes_at"]
    list_filter = ["signups_open"]
    ordering = ["-event__starts_at"]
    panels = [
        FieldPanel("event", widget=forms.Select),
        FieldRowPanel([FieldPanel("visitor_places"), FieldPanel("volunteer_places")]),
        FieldRowPanel([FieldPanel("signups_open"), FieldPanel("closes_at")]),
        SignupsPanel(heading=_("Sign-ups")),
    ]


class ShelterNeedViewSet(PortalSnippetViewSet):
    model = ShelterNeed
    icon = "list-ul"
    menu_label = _("Shelter needs")
    wording = Wording(
        add=_("Add a need"),
        new=_("New need"),
        created=_("Need «%(object)s» added."),
        updated=_("Need «%(object)s» saved."),
        deleted=_("Need «%(object)s» deleted."),
        not_saved=_("The need could not be saved: correct the errors below."),
        choose=_("Choose a need"),
        delete=_("Delete the need «%(object)s»?"),
        count=ngettext_lazy("%(count)s need", "%(count)s needs", "count"),
    )
    list_display = ["title", "category", "quantity_needed", "quantity_received", "updated_at"]
    list_filter = ["category"]
    search_fields = ["title", "note"]
    ordering = ["sort_order", "title"]
    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("category")]),
        FieldRowPanel(
            [FieldPanel("quantity_needed"), FieldPanel("quantity_received"), FieldPanel("unit")]
        ),
        FieldPanel("note"),
        FieldPanel("sort_order"),
    ]


class ShelterEventsViewSetGroup(SnippetViewSetGroup):
    items = (EventSignupSettingsViewSet, ShelterNeedViewSet)
    menu_icon = "date"
    menu_label = _("Shelter events and needs")
    menu_name = "shelter-events"


@hooks.register("after_edit_snippet")
def fill_places_after_edit(request, instance):
    """More places (or a waiting list left from before) let the first waiting move up."""
    if isinstance(instance, EventSignupSettings):
        places_changed(instance)
