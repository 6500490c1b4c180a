"""The volunteer application form: what a resident can do and when, their age and, for a minor,
the guardian's consent; the 152-ФЗ consent in force is recorded by
shelter.volunteering.submit_volunteer_application."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from portal.forms import HoneypotMixin
from shelter.forms import RUSSIA
from shelter.models.volunteers import (
    ADULT_AGE,
    MIN_AGE,
    Availability,
    Skill,
    VolunteerApplication,
    age_on,
)

PHONE_ERRORS = {"invalid": _("Enter a Russian phone number, for example +7 918 123-45-67.")}
OLDEST = 110  # years: a birth date before that is a typo


def russian_phone(label, *, required=True):
    return PhoneNumberField(
        label=label,
        region="RU",
        max_length=32,
        required=required,
        error_messages=PHONE_ERRORS,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )


class VolunteerApplicationForm(HoneypotMixin, forms.ModelForm):
    phone = russian_phone(_("Phone"))
    birth_date = forms.DateField(
        label=_("Date of birth"),
        help_text=_("Volunteers are 14 or older; under 18 only with a guardian's consent."),
        error_messages={"invalid": _("Enter the date as 31.12.2000.")},
        widget=forms.DateInput(attrs={"autocomplete": "bday", "placeholder": "31.12.2000"}),
    )
    skills = forms.MultipleChoiceField(
        label=_("What I can do"),
        choices=Skill.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing you would like to do.")},
    )
    availability = forms.MultipleChoiceField(
        label=_("When I can help"),
        choices=Availability.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose when you can help.")},
    )
    guardian_phone = russian_phone(_("Guardian's phone"), required=False)
    guardian_consent = forms.BooleanField(
        label=_("My parent or guardian agrees to my volunteering at the shelter"),
        required=False,
    )
    consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data"),
        required=True,
        error_messages={"required": _("Without your consent we cannot take the application.")},
    )

    class Meta:
        model = VolunteerApplication
        fields = [
            "full_name",
            "phone",
            "birth_date",
            "skills",
            "skills_other",
            "availability",
            "availability_note",
            "experience",
            "guardian_name",
            "guardian_phone",
            "guardian_consent",
        ]
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "experience": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "guardian_name": _("Only for volunteers under 18."),
        }

    def clean_phone(self):
        return self._russian(self.cleaned_data["phone"], "phone")

    def clean_guardian_phone(self):
        return self._russian(self.cleaned_data.get("guardian_phone"), "guardian_phone")

    def _russian(self, phone, name):
        if phone and phone.country_code != RUSSIA:
            raise forms.ValidationError(self.fields[name].error_messages["invalid"])
        return phone

    def clean_birth_date(self):
        born = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        age = age_on(born, today)
        if born > today or age > OLDEST:
            raise forms.ValidationError(_("Check the date of birth."))
        if age < MIN_AGE:
            raise forms.ValidationError(
                _("Volunteers are at least %(age)d years old.") % {"age": MIN_AGE}
            )
        return born

    def clean(self):
        cleaned = super().clean()
        born = cleaned.get("birth_date")
        if born and age_on(born, timezone.localdate()) < ADULT_AGE:
            if not cleaned.get("guardian_name", "").strip():
                self.add_error("guardian_name", _("Under 18: give your guardian's name."))
            if not cleaned.get("guardian_phone"):
                self.add_error("guardian_phone", _("Under 18: give your guardian's phone."))
            if not cleaned.get("guardian_consent"):
                self.add_error(
                    "guardian_consent", _("Under 18 you volunteer with a guardian's consent.")
                )
        elif born:  # an adult's application keeps no guardian data
            cleaned["guardian_name"], cleaned["guardian_phone"] = "", ""
            cleaned["guardian_consent"] = False
        other = Skill.OTHER in cleaned.get("skills", [])
        if other and not cleaned.get("skills_other", "").strip():
            self.add_error("skills_other", _("Say what else you can do."))
        return cleaned

    def application_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ShiftActionForm(forms.Form):
    """A sign-up or a cancellation: which shift, which action."""

    shift = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    action = forms.ChoiceField(choices=[("sign_up", "sign_up"), ("cancel", "cancel")])
