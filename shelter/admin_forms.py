"""Admin forms: a pet's status and an application's step change only through their named
methods (Pet.change_status, AdoptionApplication.advance), never by writing the field."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from shelter.models import PetStatus, Step


class PetAdminForm(WagtailAdminModelForm):
    new_status = forms.ChoiceField(
        label=_("Change the status to"),
        required=False,
        choices=[("", "—"), *PetStatus.choices],
        help_text=_("Kept in the status history with your name and the note."),
    )
    status_note = forms.CharField(
        label=_("Note on the status change"),
        required=False,
        max_length=2000,  # PetStatusChange.note
        widget=forms.Textarea({"rows": 2}),
    )
    verified_now = forms.BooleanField(
        label=_("I have checked the listing: it is true today"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["new_status"].label = _("Status")
            self.fields["new_status"].initial = PetStatus.FOUND
            self.fields.pop("verified_now", None)
        else:  # only the statuses the pet may take from its own (Pet.can_change_status)
            allowed = [status for status in PetStatus if self.instance.can_change_status(status)]
            self.fields["new_status"].choices = [
                ("", "—"),
                *((status.value, status.label) for status in allowed),
            ]

    def clean_new_status(self):
        new = self.cleaned_data.get("new_status")
        changing = new and self.instance.pk and new != self.instance.status
        if changing and not self.instance.can_change_status(new):
            raise ValidationError(
                _("A pet cannot go from “%(old)s” to “%(new)s”.")
                % {"old": self.instance.get_status_display(), "new": PetStatus(new).label}
            )
        return new

    def save(self, commit=True):
        new = self.cleaned_data.get("new_status")
        creating = not self.instance.pk
        if creating and new:
            self.instance.status = new  # the first status: nothing to keep history of yet
        instance = super().save(commit=commit)
        if commit and not creating and new and new != instance.status:
            instance.change_status(new, by=self.for_user, note=self.cleaned_data["status_note"])
        if commit and self.cleaned_data.get("verified_now"):
            instance.mark_verified(by=self.for_user)
        return instance


class ApplicationAdminForm(WagtailAdminModelForm):
    next_step = forms.ChoiceField(
        label=_("Move the application to"),
        required=False,
        choices=[("", "—"), *Step.choices],
        help_text=_("The applicant gets an e-mail and sees the step on the status page."),
    )
    step_message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        max_length=4000,  # ApplicationStep.message
        widget=forms.Textarea({"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the steps the application may go to from where it is (AdoptionApplication.next_steps,
        # the model's TRANSITIONS); a new or closed application offers none.
        steps = self.instance.next_steps() if self.instance.pk else []
        field = self.fields["next_step"]
        field.choices = [("", "—"), *((step.value, step.label) for step in steps)]
        if not steps:
            field.disabled = True
            if self.instance.pk:
                field.help_text = _("The application is closed: it has no next step.")

    def clean_next_step(self):
        to = self.cleaned_data.get("next_step")
        if to and self.instance.pk and not self.instance.can_advance(to):
            raise ValidationError(
                _("An application cannot go from “%(old)s” to “%(new)s”.")
                % {"old": self.instance.get_step_display(), "new": Step(to).label}
            )
        return to

    def save(self, commit=True):
        instance = super().save(commit=commit)
        to = self.cleaned_data.get("next_step")
        if commit and to:
            instance.advance(to, by=self.for_user, message=self.cleaned_data["step_message"])
        return instance
