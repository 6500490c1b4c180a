"""Every text a user can submit has a limit, shown in the form (maxlength) and enforced."""

import pytest
from django import forms

from accounts.forms import CodeForm, PhoneForm
from contest.views.admin import AnnulForm
from producers.forms import ProducerForm, ProductForm
from shelter.forms import AdoptionApplicationForm, SubscriptionForm


def text_fields(form):
    return {
        name: field
        for name, field in form.fields.items()
        if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.HiddenInput)
    }


@pytest.mark.parametrize(
    "make_form",
    [
        lambda: AdoptionApplicationForm(pet=None),
        SubscriptionForm,
        lambda: PhoneForm(consent_text=""),
        CodeForm,
        ProducerForm,
        ProductForm,
        AnnulForm,
    ],
)
def test_every_text_field_of_a_form_has_a_length_limit(db, make_form):
    form = make_form()
    for name, field in text_fields(form).items():
        assert field.max_length, name
        assert str(field.max_length) == str(field.widget.attrs.get("maxlength")), name
