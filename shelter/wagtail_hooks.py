"""The shelter in the Wagtail admin (group "Приют"): pets with their photos and status history,
the application queue, subscriptions, and a bulk status change."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy
from wagtail import hooks
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
from wagtail.admin.ui.tables import Column
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from portal.admin_wording import PortalSnippetViewSet, Wording
from shelter.admin_events import ShelterEventsViewSetGroup
from shelter.admin_forms import ApplicationAdminForm, PetAdminForm
from shelter.models import AdoptionApplication, Pet, PetStatus, Species, Subscription
from shelter.volunteer_admin import VolunteersViewSetGroup


class HistoryPanel(Panel):
    """A read-only list of an object's kept history rows."""

    def __init__(self, relation="", template="", **kwargs):
        super().__init__(**kwargs)
        self.relation, self.template = relation, template

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "relation": self.relation, "template": self.template}

    class BoundPanel(Panel.BoundPanel):
        @property
        def template_name(self):
            return self.panel.template

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            rows = []
            if self.instance is not None and self.instance.pk:
                rows = getattr(self.instance, self.panel.relation).select_related(
                    *self.panel.related
                )
            context["rows"] = rows
            return context


class StatusHistoryPanel(HistoryPanel):
    related = ["changed_by"]


class StepHistoryPanel(HistoryPanel):
    related = ["created_by"]


class PetAdminFilterSet(WagtailFilterSet):
    late = django_filters.BooleanFilter(
        label=_("Late for publication (found, not on the site 3 days after intake)"),
        method="filter_late",
        widget=forms.CheckboxInput,
    )
    stale = django_filters.BooleanFilter(
        label=_("Not verified for 30 days"), method="filter_stale", widget=forms.CheckboxInput
    )

    class Meta:
        model = Pet
        fields = ["status", "species", "curator"]

    def filter_late(self, queryset, name, value):
        return queryset.late_for_publication() if value else queryset

    def filter_stale(self, queryset, name, value):
        return queryset.not_verified_since() if value else queryset


class AttentionColumn(Column):
    """What staff must do about a listing: publish it, or check it again."""

    cell_template_name = "shelter/admin/attention_cell.html"

    def get_value(self, instance):
        flags = []
        if instance.is_late_for_publication:
            flags.append(_("late for publication"))
        if instance.needs_verification:
            flags.append(_("not verified for 30 days"))
        return flags


class PetViewSet(PortalSnippetViewSet):
    model = Pet
    icon = "folder-inverse"
    menu_label = _("Pets")
    wording = Wording(
        add=_("Add a pet"),
        new=_("New pet"),
        created=_("Pet «%(object)s» added."),
        updated=_("Pet «%(object)s» saved."),
        deleted=_("Pet «%(object)s» deleted."),
        not_saved=_("The pet could not be saved: correct the errors below."),
        choose=_("Choose a pet"),
        delete=_("Delete the pet «%(object)s»?"),
        count=ngettext_lazy("%(count)s pet", "%(count)s pets", "count"),
    )
    list_display = [
        "name",
        "species",
        "status",
        "intake_on",
        "published_at",
        "last_verified_at",
        AttentionColumn("attention", label=_("Needs attention")),
    ]
    list_export = ["name", "species", "breed", "sex", "born_on", "status", "intake_on"]
    filterset_class = PetAdminFilterSet
    search_fields = ["name", "breed", "description"]
    ordering = ["-intake_on", "name"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("name"), FieldPanel("species")]),
                    FieldRowPanel([FieldPanel("breed"), FieldPanel("sex")]),
                    FieldRowPanel([FieldPanel("born_on"), FieldPanel("born_on_estimated")]),
                    FieldRowPanel([FieldPanel("size"), FieldPanel("colour"), FieldPanel("coat")]),
                    FieldPanel("description"),
                    FieldPanel("video_url"),
                    FieldPanel("curator"),
                ],
                heading=_("Pet"),
            ),
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("sterilised"), FieldPanel("microchipped")]),
                    FieldRowPanel([FieldPanel("vaccinated"), FieldPanel("vaccinated_on")]),
                    FieldPanel("microchip_number"),
                    FieldRowPanel(
                        [
                            FieldPanel("good_with_children"),
                            FieldPanel("good_with_dogs"),
                            FieldPanel("good_with_cats"),
                        ]
                    ),
                    FieldPanel("house_trained"),
                    FieldPanel("special_needs"),
                    FieldPanel("special_needs_description"),
                ],
                heading=_("Health and character"),
            ),
            ObjectList([InlinePanel("photos", label=_("Photos"))], heading=_("Photos")),
            ObjectList(
                [
                    FieldPanel("is_public"),
                    MultiFieldPanel(
                        [FieldPanel("new_status"), FieldPanel("status_note")],
                        heading=_("Status"),
                    ),
                    FieldPanel("verified_now"),
                    FieldPanel("intake_on"),
                    FieldPanel("intake_circumstances"),
                    FieldPanel("found_place"),
                    FieldPanel("private_notes"),
                    StatusHistoryPanel(
                        relation="status_changes",
                        template="shelter/admin/status_history_panel.html",
                        heading=_("Status history"),
                    ),
                ],
                heading=_("Status and intake"),
            ),
        ],
        base_form_class=PetAdminForm,
    )


class ApplicationAdminFilterSet(WagtailFilterSet):
    pet__species = django_filters.ChoiceFilter(
        label=_("Species of the pet"), field_name="pet__species", choices=Species.choices
    )

    class Meta:
        model = AdoptionApplication
        fields = ["step", "district", "pet__species"]


class ApplicationViewSet(PortalSnippetViewSet):
    model = AdoptionApplication
    icon = "form"
    menu_label = _("Adoption applications")
    wording = Wording(
        add=_("Add an adoption application"),
        new=_("New adoption application"),
        created=_("Application «%(object)s» added."),
        updated=_("Application «%(object)s» saved."),
        deleted=_("Application «%(object)s» deleted."),
        not_saved=_("The application could not be saved: correct the errors below."),
        choose=_("Choose an adoption application"),
        delete=_("Delete the application «%(object)s»?"),
        count=ngettext_lazy("%(count)s application", "%(count)s applications", "count"),
    )
    list_display = ["name", "pet", "step", "submitted_at", "district"]
    column_labels = {"name": _("Applicant")}
    list_export = ["name", "pet", "step", "submitted_at", "district", "housing"]
    export_headings = {"name": _("Applicant")}
    filterset_class = ApplicationAdminFilterSet
    ordering = ["-submitted_at"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    MultiFieldPanel(
                        [FieldPanel("next_step"), FieldPanel("step_message")],
                        heading=_("Next step"),
                    ),
                    FieldPanel("staff_notes"),
                    StepHistoryPanel(
                        relation="events",
                        template="shelter/admin/step_history_panel.html",
                        heading=_("History of the application"),
                    ),
                ],
                heading=_("Progress"),
            ),
            ObjectList(
                [
                    FieldPanel("pet"),
                    FieldRowPanel([FieldPanel("name"), FieldPanel("phone"), FieldPanel("email")]),
                    FieldRowPanel([FieldPanel("district"), FieldPanel("housing")]),
                    FieldPanel("other_animals"),
                    FieldPanel("experience"),
                    FieldPanel("message"),
                    FieldRowPanel(
                        [
                            FieldPanel("consent_version", read_only=True),
                            FieldPanel("consented_at", read_only=True),
                        ]
                    ),
                ],
                heading=_("Applicant"),
            ),
        ],
        base_form_class=ApplicationAdminForm,
    )


class SubscriptionViewSet(PortalSnippetViewSet):
    model = Subscription
    icon = "mail"
    menu_label = _("Subscriptions")
    wording = Wording(
        add=_("Add a subscription"),
        new=_("New subscription"),
        created=_("Subscription «%(object)s» added."),
        updated=_("Subscription «%(object)s» saved."),
        deleted=_("Subscription «%(object)s» deleted."),
        not_saved=_("The subscription could not be saved: correct the errors below."),
        choose=_("Choose a subscription"),
        delete=_("Delete the subscription «%(object)s»?"),
        count=ngettext_lazy("%(count)s subscription", "%(count)s subscriptions", "count"),
    )
    list_display = ["email", "query", "created_at", "confirmed_at", "unsubscribed_at"]
    list_filter = []
    ordering = ["-created_at"]
    panels = [
        FieldPanel("email"),
        FieldPanel("query"),
        FieldRowPanel(
            [
                FieldPanel("consent_version", read_only=True),
                FieldPanel("consented_at", read_only=True),
            ]
        ),
    ]


class ShelterViewSetGroup(SnippetViewSetGroup):
    items = (PetViewSet, ApplicationViewSet, SubscriptionViewSet)
    menu_icon = "folder-inverse"
    menu_label = _("Shelter")
    menu_name = "shelter"


register_snippet(ShelterViewSetGroup)


class BulkStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=PetStatus.choices)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)


@hooks.register("register_bulk_action")
class ChangePetStatusBulkAction(SnippetBulkAction):
    display_name = _("Change status")
    action_type = "change_pet_status"
    aria_label = _("Change the status of the selected pets")
    template_name = "shelter/admin/confirm_bulk_status.html"
    action_priority = 20
    form_class = BulkStatusForm
    models = [Pet]

    def check_perm(self, obj):
        return self.request.user.has_perm("shelter.change_pet")

    def get_execution_context(self):
        return {
            "user": self.request.user,
            "status": self.cleaned_form.cleaned_data["status"],
            "note": self.cleaned_form.cleaned_data["note"],
        }

    @classmethod
    def execute_action(cls, objects, user=None, status=None, note="", **kwargs):
        changed = 0
        for pet in objects:
            if pet.can_change_status(status):
                pet.change_status(status, by=user, note=note)
                changed += 1
        cls.skipped = len(objects) - changed
        return changed, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        message = ngettext(
            "The status of %(count)d pet is changed.",
            "The status of %(count)d pets is changed.",
            num_parent_objects,
        ) % {"count": num_parent_objects}
        if self.skipped:
            message += " " + ngettext(
                "%(count)d pet could not take that status and is left as it was.",
                "%(count)d pets could not take that status and are left as they were.",
                self.skipped,
            ) % {"count": self.skipped}
        return message


# Sign-ups for the shelter's events and «Нужды приюта» (shelter.admin_events).
register_snippet(ShelterEventsViewSetGroup)
# The volunteer programme: its own menu group (shelter.volunteer_admin).
register_snippet(VolunteersViewSetGroup)
