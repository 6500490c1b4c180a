"""The volunteer programme in the Wagtail admin (group "Приют"): applications by state, accepted
or refused with a reason through their named transitions (VolunteerApplication.accept/refuse),
and the shifts, each with the list of its volunteers. Registered by shelter.wagtail_hooks."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from portal.admin_wording import PortalSnippetViewSet, Wording
from shelter.models.volunteers import VolunteerApplication, VolunteerShift, VolunteerState

ACCEPT, REFUSE = "accept", "refuse"


class ResidentsApplyPolicy(ModelPermissionPolicy):
    """Residents make applications (with their consent); staff decide them and never add one."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(VolunteerApplication, ResidentsApplyPolicy(VolunteerApplication))


class VolunteerDecisionForm(WagtailAdminModelForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[("", "—"), (ACCEPT, _("Accept")), (REFUSE, _("Refuse"))],
        help_text=_("The volunteer gets an e-mail: with the shifts' link, or with the reason."),
    )
    reason = forms.CharField(
        label=_("Reason of the refusal"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.state != VolunteerState.SUBMITTED:
            self.fields["decision"].disabled = True
            self.fields["reason"].disabled = True
            self.fields["decision"].help_text = _("The application is already decided.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == REFUSE and not cleaned.get("reason", "").strip():
            self.add_error(
                "reason", _("Say why the application is refused: the volunteer reads it.")
            )
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=commit)
        decision = self.cleaned_data.get("decision")
        try:
            if commit and decision == ACCEPT:
                instance.accept(by=self.for_user)
            elif commit and decision == REFUSE:
                instance.refuse(by=self.for_user, reason=self.cleaned_data["reason"])
        except ValidationError:
            pass  # decided by someone else meanwhile: the page shows the state it is in
        return instance


class ReadOnlySummaryPanel(Panel):
    """What the applicant wrote, with the choices by their labels (read only)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "shelter/admin/volunteer_summary_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["application"] = self.instance
            return context


class SignupsPanel(Panel):
    """The volunteers signed up for a shift, with their phones (read only)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "shelter/admin/shift_signups_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            rows = []
            if self.instance is not None and self.instance.pk:
                signups = list(self.instance.signups.select_related("user"))
                applications = {
                    application.user_id: application
                    for application in VolunteerApplication.objects.filter(
                        user__in=[signup.user_id for signup in signups]
                    ).order_by("submitted_at")
                }
                rows = [(signup, applications.get(signup.user_id)) for signup in signups]
            context["rows"] = rows
            return context


class VolunteerApplicationViewSet(PortalSnippetViewSet):
    model = VolunteerApplication
    icon = "user"
    menu_label = _("Volunteer applications")
    add_to_admin_menu = False
    wording = Wording(
        add=_("Add a volunteer application"),
        new=_("New volunteer application"),
        created=_("Application «%(object)s» added."),
        updated=_("Application «%(object)s» saved."),
        deleted=_("Application «%(object)s» deleted."),
        not_saved=_("The application could not be saved: correct the errors below."),
        choose=_("Choose a volunteer application"),
        delete=_("Delete the application «%(object)s»?"),
        count=ngettext_lazy("%(count)s application", "%(count)s applications", "count"),
    )
    list_display = ["full_name", "state", "submitted_at", "decided_at"]
    list_filter = ["state"]
    search_fields = ["full_name"]
    ordering = ["-submitted_at"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel([FieldPanel("decision"), FieldPanel("reason")], heading=_("Decision")),
            ReadOnlySummaryPanel(heading=_("The application")),
        ],
        base_form_class=VolunteerDecisionForm,
    )


class VolunteerShiftViewSet(PortalSnippetViewSet):
    model = VolunteerShift
    icon = "date"
    menu_label = _("Volunteer shifts")
    add_to_admin_menu = False
    wording = Wording(
        add=_("Add a shift"),
        new=_("New shift"),
        created=_("Shift «%(object)s» added."),
        updated=_("Shift «%(object)s» saved."),
        deleted=_("Shift «%(object)s» deleted."),
        not_saved=_("The shift could not be saved: correct the errors below."),
        choose=_("Choose a shift"),
        delete=_("Delete the shift «%(object)s»?"),
        count=ngettext_lazy("%(count)s shift", "%(count)s shifts", "count"),
    )
    list_display = ["title", "starts_at", "place", "places", "places_taken"]
    ordering = ["-starts_at"]
    search_fields = ["title", "place"]
    panels = [
        FieldPanel("title"),
        FieldPanel("place"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at"), FieldPanel("places")]),
        FieldPanel("note"),
        FieldPanel("event"),
        SignupsPanel(heading=_("Volunteers signed up")),
    ]

    def get_queryset(self, request):
        return VolunteerShift.objects.with_taken()


class VolunteersViewSetGroup(SnippetViewSetGroup):
    items = (VolunteerApplicationViewSet, VolunteerShiftViewSet)
    menu_icon = "group"
    menu_label = _("Volunteers")
    menu_name = "shelter-volunteers"
