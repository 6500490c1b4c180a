"""The inventory of personal data: every model that can hold some is declared, field by field,
and the download has every declared field (portal.personal_data).

Which models can hold personal data is computed, not listed: every model of the portal's own apps
(and allauth's EmailAddress and the user model) with a link to the user model, an e-mail, phone
or IP address field, or a field named like a name, phone, e-mail, address or IP. A new field or
model of that kind fails `test_every_model_that_can_hold_personal_data_is_declared` until it is
exported by a holding, kept out with a reason, or declared as no resident's data.
"""

import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from phonenumber_field.modelfields import PhoneNumberField

from portal import personal_data
from portal.personal_data import KIND, Person
from tests.accounts.resident import resident_with_every_record

PERSONAL_NAME = re.compile(r"name|phone|email|address|(^|_)ip($|_)")
PERSONAL_TYPES = (models.EmailField, PhoneNumberField, models.GenericIPAddressField)


def our_models():
    """The models of the portal's own apps (not installed packages), allauth's EmailAddress and
    the user model."""
    base = Path(settings.BASE_DIR).resolve()
    ours = [
        config
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base) and "site-packages" not in config.path
    ]
    return [model for config in ours for model in config.get_models()] + [
        EmailAddress,
        get_user_model(),
    ]


def looks_personal(field):
    user_model = get_user_model()
    return (
        (field.is_relation and field.related_model is user_model)
        or isinstance(field, PERSONAL_TYPES)
        or bool(PERSONAL_NAME.search(field.name))
    )


def own_fields(model):
    """The model's own columns: a page's inherited ones (owner, locked_by) are Wagtail's."""
    return [field.name for field in model._meta.local_concrete_fields]


def models_that_can_hold_personal_data():
    return [
        model
        for model in our_models()
        if any(looks_personal(field) for field in model._meta.local_concrete_fields)
    ]


def undeclared():
    """ "app.Model.field" for every field of a model that can hold personal data that no holding
    exports or keeps out, and no `outside` declaration explains."""
    declared = {}
    for holding in personal_data.holdings():
        for mapping in (holding.fields, holding.kept_out):
            for model, names in mapping.items():
                declared.setdefault(model, set()).update(names)
    outside = personal_data.outside_models()
    missing = []
    for model in models_that_can_hold_personal_data():
        if model in declared:
            needed = own_fields(model)
            explained = declared[model]
        else:
            needed = [f.name for f in model._meta.local_concrete_fields if looks_personal(f)]
            explained = set(outside.get(model, {}))
        missing += [f"{model._meta.label}.{name}" for name in needed if name not in explained]
    return missing


def test_the_computed_set_finds_the_known_holders_of_personal_data():
    found = {model._meta.label for model in models_that_can_hold_personal_data()}
    assert {
        "auth.User",
        "account.EmailAddress",
        "accounts.PhoneVerification",
        "shelter.AdoptionApplication",
        "shelter.Subscription",
        "shelter.FavouritePet",
        "contest.Vote",
        "producers.Producer",
        "portal.OutboundEmail",
    } <= found


def test_every_model_that_can_hold_personal_data_is_declared():
    assert undeclared() == []


def test_a_personal_field_nobody_declared_fails_the_inventory(monkeypatch):
    subscriptions = next(h for h in personal_data.holdings() if h.code == "shelter.subscriptions")
    (model,) = subscriptions.fields
    without_email = {model: tuple(n for n in subscriptions.fields[model] if n != "email")}
    monkeypatch.setitem(
        personal_data._holdings,
        subscriptions.code,
        personal_data.Holding(**{**subscriptions.__dict__, "fields": without_email}),
    )
    assert undeclared() == ["shelter.Subscription.email"]


def test_declared_fields_exist_and_are_declared_once():
    for holding in personal_data.holdings():
        for model, names in holding.fields.items():
            kept_out = holding.kept_out.get(model, {})
            assert set(names) <= set(own_fields(model)), holding.code
            assert not set(names) & set(kept_out), holding.code
        for model, reasons in holding.kept_out.items():
            assert set(reasons) <= set(own_fields(model)), holding.code
            assert all(reasons.values()), holding.code


@pytest.mark.django_db
def test_the_export_has_every_declared_field_of_every_holding(home):
    resident = resident_with_every_record(home)
    exported = personal_data.export(Person.of(resident.user))
    for holding in personal_data.holdings():
        records = exported[holding.code]
        for model, names in holding.fields.items():
            kind = str(model._meta.verbose_name)
            of_model = [row for row in records if row[KIND] == kind]
            assert of_model, f"{holding.code}: no {kind}"
            assert set(names) <= set(of_model[0]), f"{holding.code}: {kind}"


@pytest.mark.django_db
def test_the_export_has_the_values_the_person_gave(home):
    resident = resident_with_every_record(home)
    exported = personal_data.export(Person.of(resident.user))
    text = str(exported)
    for value in (
        resident.user.email,
        "Мария",
        str(resident.user.phone_verification.phone.as_e164),
        "Хочу взять Бублика",
        resident.vote.receipt_code,
        "Дружок",
        resident.producer.inn,
        "honey@example.org",
        "Когда откроют парк?",
    ):
        assert value in text


@pytest.mark.django_db
def test_a_choice_is_exported_by_the_label_the_person_saw(home):
    resident = resident_with_every_record(home)
    applications = personal_data.export(Person.of(resident.user))["shelter.applications"]
    application = next(
        a for a in applications if a["message"] == resident.application_signed_in.message
    )
    assert application["step"] == str(resident.application_signed_in.get_step_display())
    assert application["step"] != resident.application_signed_in.step


@pytest.mark.django_db
def test_a_person_without_an_account_gets_nobody_elses_anonymised_records(home):
    resident = resident_with_every_record(home)
    personal_data.erase(Person.of(resident.user))  # the vote and the card lose their account
    stranger = Person(user=None, emails=frozenset({"nobody@example.org"}))
    assert all(records == [] for records in personal_data.export(stranger).values())
