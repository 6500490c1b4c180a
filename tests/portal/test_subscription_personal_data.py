"""News and calendar subscriptions as personal data (portal.personal_data): exported, shown on the
profile with their unsubscribe links, deleted with the account; found by the confirmed e-mails."""

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from calendar_pages.models import CalendarSubscription
from news.models import NewsSubscription
from portal import personal_data
from portal.personal_data import Person

pytestmark = pytest.mark.django_db
ANNA = Person(user=None, emails=frozenset({"anna@example.org"}))


def subscribe(model, email, **wants):
    return model.objects.create(
        email=email,
        frequency="weekly",
        consent_version="2026-12-1",
        consented_at=timezone.now(),
        confirmed_at=timezone.now(),
        **wants,
    )


@pytest.fixture
def records(news_index):
    return {
        "news": subscribe(NewsSubscription, "anna@example.org"),
        "calendar": subscribe(CalendarSubscription, "anna@example.org", district="adlersky"),
        "other": subscribe(NewsSubscription, "boris@example.org"),
    }


def test_export_has_every_declared_field_of_the_persons_subscriptions(records):
    exported = personal_data.export(ANNA)
    [news] = exported["news.subscriptions"]
    [calendar] = exported["calendar.subscriptions"]
    holding = {h.code: h for h in personal_data.holdings()}
    for code, row in (("news", news), ("calendar", calendar)):
        [fields] = holding[f"{code}.subscriptions"].fields.values()
        assert set(fields) <= set(row)
    assert news["email"] == "anna@example.org"
    assert calendar["district"] == "Адлерский"  # a choice by its label (portal.personal_data)
    assert calendar["subscribed_to"] == "календарь, Адлерский, еженедельно"


def test_every_field_is_exported_or_kept_out_with_a_reason():
    for code in ("news.subscriptions", "calendar.subscriptions"):
        holding = {h.code: h for h in personal_data.holdings()}[code]
        for model, fields in holding.fields.items():
            named = set(fields) | set(holding.kept_out[model])
            assert {field.name for field in model._meta.concrete_fields} == named


def test_profile_section_lists_them_with_unsubscribe_links(records):
    holding = {h.code: h for h in personal_data.holdings()}["news.subscriptions"]
    html = render_to_string(holding.template, {"section": holding.section(ANNA)})  # as the profile
    token = records["news"].token
    assert f"http://testserver/news/subscriptions/{token}/unsubscribe/" in html
    assert "boris" not in html
    nobody = Person(user=None, emails=frozenset({"nobody@example.org"}))
    assert holding.section(nobody) is None


def test_deleting_the_account_deletes_the_subscriptions(records):
    personal_data.erase(ANNA, only=["news.subscriptions", "calendar.subscriptions"])
    assert list(NewsSubscription.objects.values_list("email", flat=True)) == ["boris@example.org"]
    assert not CalendarSubscription.objects.exists()
