"""The calendar in the Wagtail admin: facilities (with their replanning) and city events."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    Panel,
    TabbedInterface,
)
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from calendar_pages.forms import FacilityAdminForm
from calendar_pages.models import CityEvent, Facility
from portal.admin_wording import PortalSnippetViewSet, Wording


class ReplanHistoryPanel(Panel):
    """The replanning history, read-only: rows are only ever added, through the form above."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "calendar_pages/admin/replan_history_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            replans = []
            if self.instance is not None and self.instance.pk:
                replans = self.instance.replans.select_related("document", "recorded_by")
            context["replans"] = replans
            return context


class FacilityAdminFilterSet(WagtailFilterSet):
    year = django_filters.NumberFilter(
        field_name="planned_on", lookup_expr="year", label=_("Year of the planned date")
    )

    class Meta:
        model = Facility
        fields = ["district", "facility_type", "status", "year"]


class FacilityViewSet(PortalSnippetViewSet):
    model = Facility
    icon = "date"
    menu_label = _("Facilities")
    wording = Wording(
        add=_("Add a facility"),
        new=_("New facility"),
        created=_("Facility «%(object)s» added."),
        updated=_("Facility «%(object)s» saved."),
        deleted=_("Facility «%(object)s» deleted."),
        not_saved=_("The facility could not be saved: correct the errors below."),
        choose=_("Choose a facility"),
        delete=_("Delete the facility «%(object)s»?"),
        count=ngettext_lazy("%(count)s facility", "%(count)s facilities", "count"),
    )
    list_display = ["name", "district", "facility_type", "planned_on", "status", "progress"]
    list_export = [
        "name",
        "district",
        "facility_type",
        "planned_on_original",
        "planned_on",
        "commissioned_on",
        "status",
        "progress",
    ]
    filterset_class = FacilityAdminFilterSet
    ordering = ["planned_on", "name"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldRowPanel([FieldPanel("facility_type"), FieldPanel("district")]),
                    FieldPanel("address"),
                    FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                    FieldPanel("description"),
                    FieldPanel("project_page"),
                    FieldPanel("control_point"),
                    FieldPanel("department"),
                    FieldPanel("contractor"),
                    FieldPanel("budget"),
                ],
                heading=_("Facility"),
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("status"), FieldPanel("progress")]),
                    FieldPanel("planned_on_original"),
                    FieldRowPanel([FieldPanel("forecast_on"), FieldPanel("commissioned_on")]),
                    MultiFieldPanel(
                        [
                            FieldPanel("replan_to"),
                            FieldPanel("replan_reason"),
                            FieldPanel("replan_document"),
                            FieldPanel("replan_document_reference"),
                        ],
                        heading=_("Change the planned date"),
                    ),
                    ReplanHistoryPanel(heading=_("Replanning history")),
                ],
                heading=_("Dates and progress"),
            ),
            ObjectList([InlinePanel("photos", label=_("Photos"))], heading=_("Photos")),
        ],
        base_form_class=FacilityAdminForm,
    )


class CityEventViewSet(PortalSnippetViewSet):
    model = CityEvent
    icon = "calendar-alt"
    menu_label = _("City events")
    wording = Wording(
        add=_("Add a city event"),
        new=_("New city event"),
        created=_("City event «%(object)s» added."),
        updated=_("City event «%(object)s» saved."),
        deleted=_("City event «%(object)s» deleted."),
        not_saved=_("The city event could not be saved: correct the errors below."),
        choose=_("Choose a city event"),
        delete=_("Delete the city event «%(object)s»?"),
        count=ngettext_lazy("%(count)s city event", "%(count)s city events", "count"),
    )
    list_display = ["title", "category", "starts_at", "place"]
    list_filter = ["category"]
    ordering = ["-starts_at"]
    panels = [
        FieldPanel("title"),
        FieldPanel("category"),
        FieldPanel("place"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("description"),
        FieldPanel("link_url"),
    ]


class CalendarViewSetGroup(SnippetViewSetGroup):
    items = (FacilityViewSet, CityEventViewSet)
    menu_icon = "date"
    menu_label = _("Calendar")
    menu_name = "calendar"


register_snippet(CalendarViewSetGroup)
