"""What the public forms of several sections share."""

from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT = "website"


class HoneypotMixin(forms.Form):
    """A field people never see (hidden with CSS, labelled to be skipped): bots fill it in.
    includes/forms/form.html wraps the field named `honeypot_name` in its hiding box."""

    honeypot_name = HONEYPOT

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def is_bot(self):
        return bool(self.data.get(HONEYPOT))


class OwnIdsMixin(forms.Form):
    """Element ids that start with the form's own `id_prefix`: for a form shown beside another
    with a field of the same name (one id, one label each)."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)
