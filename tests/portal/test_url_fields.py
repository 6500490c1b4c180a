"""An address typed without a scheme in any of the site's forms is read as https
(portal.fields.HttpsURLField), and no form warns about Django 6's change of that default."""

import warnings

import pytest
from django.apps import apps
from django.db import models
from django.utils.deprecation import RemovedInDjango60Warning

from portal.fields import HttpsURLField
from producers.forms import ProducerForm


def test_every_address_field_of_the_portal_assumes_https():
    plain = [
        f"{model.__name__}.{field.name}"
        for model in apps.get_models()
        if not model.__module__.startswith(("wagtail", "django", "allauth", "axes", "taggit"))
        for field in model._meta.get_fields()
        if type(field) is models.URLField
    ]
    assert plain == []


def test_a_producers_website_without_a_scheme_is_read_as_https():
    field = ProducerForm.base_fields["website"]
    assert field.clean("pasika.example") == "https://pasika.example"


@pytest.mark.parametrize("kwargs", [{}, {"blank": True}])
def test_the_form_field_is_made_without_a_warning(kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error", RemovedInDjango60Warning)
        field = HttpsURLField(**kwargs).formfield()
    assert field.clean("sochi.example") == "https://sochi.example"
