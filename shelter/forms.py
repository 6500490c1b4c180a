"""Public forms of the shelter: the adoption application and the "new arrivals" subscription."""

from django import forms
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from portal.forms import HoneypotMixin
from shelter.models import AdoptionApplication
from shelter.models.subscriptions import MAX_QUERY_LENGTH

RUSSIA = 7  # the country calling code the shelter can call back


class AdoptionApplicationForm(HoneypotMixin, forms.ModelForm):
    phone = PhoneNumberField(
        label=_("Phone"),
        region="RU",
        max_length=32,
        error_messages={
            "invalid": _("Enter a Russian phone number, for example +7 918 123-45-67.")
        },
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data"),
        required=True,
        error_messages={"required": _("Without your consent we cannot take the application.")},
    )

    class Meta:
        model = AdoptionApplication
        fields = [
            "name",
            "phone",
            "email",
            "district",
            "housing",
            "other_animals",
            "experience",
            "message",
        ]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "other_animals": forms.Textarea(attrs={"rows": 2}),
            "experience": forms.Textarea(attrs={"rows": 3}),
            "message": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, pet, **kwargs):
        self.pet = pet
        super().__init__(*args, **kwargs)

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if phone.country_code != RUSSIA:
            raise forms.ValidationError(self.fields["phone"].error_messages["invalid"])
        return phone

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if AdoptionApplication.has_open(email, self.pet):
            raise forms.ValidationError(
                _(
                    "You already have an open application for this pet: follow it with the link "
                    "from our e-mail."
                )
            )
        return email

    def application_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SubscriptionForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    query = forms.CharField(required=False, max_length=MAX_QUERY_LENGTH, widget=forms.HiddenInput)
    consent = forms.BooleanField(
        label=_("I agree to the processing of my e-mail address"),
        required=True,
        error_messages={"required": _("Without your consent we cannot send you e-mails.")},
    )


class EventSignupForm(HoneypotMixin, forms.Form):
    """Sign-up for a shelter event by a signed-in resident (the e-mail is the account's)."""

    kind = forms.ChoiceField(label=_("I come as"), widget=forms.RadioSelect)
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = PhoneNumberField(
        label=_("Phone (optional)"),
        region="RU",
        max_length=32,
        required=False,
        error_messages={
            "invalid": _("Enter a Russian phone number, for example +7 918 123-45-67.")
        },
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data"),
        required=True,
        error_messages={"required": _("Without your consent we cannot take the sign-up.")},
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0][0]

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if phone and phone.country_code != RUSSIA:
            raise forms.ValidationError(self.fields["phone"].error_messages["invalid"])
        return str(phone) if phone else ""
