"""What the public forms of several sections share."""

from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT = "website"


class HoneypotMixin(forms.Form):
    """A field people never see (hidden with CSS, labelled to be skipped): bots fill it in."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def is_bot(self):
        return bool(self.data.get(HONEYPOT))
