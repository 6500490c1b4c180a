"""includes/forms/form.html, the one template of the public forms: the honeypot in its hiding box,
the consent text under the consent box, every other field as it is."""

from types import SimpleNamespace

from django import forms
from django.template.loader import render_to_string

from portal.forms import HoneypotMixin


class SignUpForm(HoneypotMixin, forms.Form):
    name = forms.CharField(label="Имя")
    consent = forms.BooleanField(label="Согласие")


class ProfileForm(forms.Form):
    website = forms.URLField(label="Сайт")


def test_the_honeypot_is_in_its_hiding_box_and_the_consent_shows_its_text():
    consent = SimpleNamespace(text="Я даю согласие на обработку данных.")
    html = render_to_string("includes/forms/form.html", {"form": SignUpForm(), "consent": consent})
    assert '<div class="honeypot">' in html
    box = html.split('<div class="honeypot">', 1)[1]
    assert box.index('name="website"') < box.index('name="name"')
    assert html.count('class="honeypot"') == 1
    assert "Я даю согласие на обработку данных." in html


def test_a_real_website_field_is_not_hidden():
    html = render_to_string("includes/forms/form.html", {"form": ProfileForm()})
    assert 'name="website"' in html and "honeypot" not in html
