"""Forms of the citizen's and producer's account: the portal's phone verification, and the
portal's versions of django-allauth's forms (settings.ACCOUNT_FORMS).

allauth's forms are subclassed only to say what each field is (`autocomplete` and `inputmode`,
so phones offer the right keyboard and password managers the right entry), to drop placeholders
that repeat the label above the field, and to ask for consent to the processing of personal data
at sign-up (152-ФЗ), stored with its version like every other consent (portal.consent).
"""

from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from accounts.models import AccountConsent
from portal.consent import current as current_consent

EMAIL = {"autocomplete": "email", "inputmode": "email"}
NEW_PASSWORD = {"autocomplete": "new-password"}
CURRENT_PASSWORD = {"autocomplete": "current-password"}


def describe(form, **fields):
    """Set each named field's widget attributes; drop placeholders, the label says it already.
    E-mail fields get the portal's label («Электронная почта», not allauth's «E-mail»)."""
    for field in form.fields.values():
        field.widget.attrs.pop("placeholder", None)
    for name, attrs in fields.items():
        if name in form.fields:
            form.fields[name].widget.attrs.update(attrs)
            if attrs is EMAIL:
                form.fields[name].label = _("E-mail")


class PhoneForm(forms.Form):
    """The phone to verify and the citizen's consent to its processing (152-ФЗ)."""

    phone = PhoneNumberField(
        label=_("Mobile phone number"),
        region="RU",
        max_length=32,
        help_text=_("For example +7 918 123-45-67. We will send a code by SMS."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data"),
        error_messages={"required": _("Without your consent we cannot confirm your phone.")},
    )

    def __init__(self, *args, consent_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = consent_text


class CodeForm(forms.Form):
    code = forms.RegexField(
        label=_("Code from the SMS"),
        regex=r"^\s*\d{6}\s*$",
        max_length=8,
        help_text=_("Six digits."),
        error_messages={"invalid": _("Enter the six digits from the SMS.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": "8"}
        ),
    )


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        describe(self, login=EMAIL, password=CURRENT_PASSWORD)


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up (e-mail and password) with the "account" consent, stored with its
    version (AccountConsent) when the account is created."""

    consent = forms.BooleanField(
        label=_("I agree to the processing of my personal data"),
        error_messages={"required": _("Without your consent we cannot create an account.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent = current_consent("account")
        self.fields["consent"].help_text = self.consent.text
        # The consent comes last, after the password, whatever allauth appended.
        self.fields["consent"] = self.fields.pop("consent")
        describe(self, email=EMAIL, password1=NEW_PASSWORD, password2=NEW_PASSWORD)

    def custom_signup(self, request, user):
        super().custom_signup(request, user)
        AccountConsent.record(user, self.consent)


class AddEmailForm(allauth_forms.AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        describe(self, email=EMAIL)


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        describe(self, oldpassword=CURRENT_PASSWORD, password1=NEW_PASSWORD, password2=NEW_PASSWORD)


class SetPasswordForm(allauth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        describe(self, password1=NEW_PASSWORD, password2=NEW_PASSWORD)


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        describe(self, email=EMAIL)


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        describe(self, password1=NEW_PASSWORD, password2=NEW_PASSWORD)


class DeleteAccountForm(forms.Form):
    """The person confirms the deletion: with the password, or with a typed word when the
    account has none (signed up through another service)."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.has_usable_password():
            self.fields["password"] = forms.CharField(
                label=_("Your password"), strip=False, widget=forms.PasswordInput(CURRENT_PASSWORD)
            )
        else:
            self.fields["confirmation"] = forms.CharField(
                label=_("Type the word %(word)s") % {"word": self.confirmation_word()},
                widget=forms.TextInput({"autocomplete": "off"}),
            )

    @staticmethod
    def confirmation_word():
        return _("DELETE")

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is wrong: the account is not deleted."))
        return password

    def clean_confirmation(self):
        word = self.cleaned_data["confirmation"].strip()
        if word.casefold() != str(self.confirmation_word()).casefold():
            raise forms.ValidationError(
                _("Type the word exactly as shown: the account is not deleted.")
            )
        return word
