"""The facility admin form: the original plan is fixed once saved, and a new planned date is
entered with its reason and recorded through Facility.replan(), never written over."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput
from wagtail.documents import get_document_model
from wagtail.documents.widgets import AdminDocumentChooser

REPLAN_FIELDS = ["replan_to", "replan_reason", "replan_document", "replan_document_reference"]


class FacilityAdminForm(WagtailAdminModelForm):
    replan_to = forms.DateField(
        label=_("New planned date"),
        required=False,
        widget=AdminDateInput,
        help_text=_(
            "Leave empty to keep the planned date. The change is published with its reason."
        ),
    )
    replan_reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    replan_document = forms.ModelChoiceField(
        label=_("Approving document"),
        queryset=get_document_model().objects.all(),
        required=False,
        widget=AdminDocumentChooser,
    )
    replan_document_reference = forms.CharField(
        label=_("Document reference"),
        required=False,
        max_length=255,
        help_text=_("For example: protocol No. 12 of 3 March 2026."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # A disabled field keeps its saved value whatever the browser sends.
            original = self.fields.get("planned_on_original")
            if original is not None:
                original.disabled = True
                original.help_text = _(
                    "Fixed when the facility was created. To move the date, "
                    "enter a new planned date with its reason below."
                )
        else:
            for name in REPLAN_FIELDS:
                self.fields.pop(name, None)

    def clean(self):
        cleaned_data = super().clean()
        new_date = cleaned_data.get("replan_to")
        reason = (cleaned_data.get("replan_reason") or "").strip()
        given = (
            reason
            or cleaned_data.get("replan_document")
            or cleaned_data.get("replan_document_reference")
        )
        if new_date is None:
            if given and "replan_to" not in self.errors:
                self.add_error("replan_to", _("Give the new planned date."))
            return cleaned_data
        if not reason:
            self.add_error("replan_reason", _("Give the reason for the new planned date."))
        if new_date == self.instance.planned_on:
            self.add_error("replan_to", _("The new planned date is the same as the current one."))
        if cleaned_data.get("commissioned_on") or self.instance.commissioned_on:
            self.add_error("replan_to", _("A commissioned facility cannot be replanned."))
        return cleaned_data

    def save(self, commit=True):
        instance = super().save(commit=commit)
        new_date = self.cleaned_data.get("replan_to")
        if commit and new_date:
            instance.replan(
                new_date,
                self.cleaned_data["replan_reason"],
                by=self.for_user,
                document=self.cleaned_data.get("replan_document"),
                document_reference=self.cleaned_data.get("replan_document_reference", ""),
            )
        return instance
