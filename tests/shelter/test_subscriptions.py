""" "New arrivals" subscriptions: double opt-in, one-click unsubscribe, the daily mail."""

import datetime

import pytest
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone

from shelter.management.commands.send_new_arrivals import send_new_arrivals
from shelter.models import Subscription
from shelter.views.public import one_click_unsubscribe
from tests.shelter.factories import PetFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db


def test_subscribing_mails_a_confirmation_and_sends_nothing_else_until_confirmed(
    client, shelter_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/shelter/subscribe/",
            {"email": "Reader@Example.com", "query": "species=cat", "consent": "on"},
        )
    assert response.status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.email == "reader@example.com"
    assert not subscription.is_active
    assert len(mail.outbox) == 1
    confirm_url = f"/shelter/subscriptions/{subscription.token}/confirm/"
    assert confirm_url in mail.outbox[0].body
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert subscription.token in mail.outbox[0].extra_headers["List-Unsubscribe"]
    assert client.get(confirm_url).status_code == 200  # a GET (mail scanners) confirms nothing
    subscription.refresh_from_db()
    assert not subscription.is_active
    client.post(confirm_url)
    subscription.refresh_from_db()
    assert subscription.is_active


@pytest.mark.parametrize(
    "data",
    [
        {"email": "not-an-email", "consent": "on"},
        {"email": "reader@example.com"},
        {"email": "reader@example.com", "consent": "on", "query": "size=XXL"},
    ],
)
def test_bad_subscriptions_are_refused_with_a_message(client, shelter_page, data):
    response = client.post("/shelter/subscribe/", data)
    assert response.status_code == 400
    assert not Subscription.objects.exists()


def test_unsubscribe_page_has_one_button_that_posts(client, shelter_page):
    subscription = SubscriptionFactory(confirmed_at=timezone.now())
    url = f"/shelter/subscriptions/{subscription.token}/unsubscribe/"
    assert '<form method="post">' in client.get(url).text
    subscription.refresh_from_db()
    assert subscription.is_active
    client.post(url)
    subscription.refresh_from_db()
    assert not subscription.is_active


def test_one_click_unsubscribe_needs_no_csrf_token(shelter_page):
    subscription = SubscriptionFactory(confirmed_at=timezone.now())
    request = RequestFactory().post("/", {"List-Unsubscribe": "One-Click"})
    assert one_click_unsubscribe(request, subscription.token).status_code == 200
    subscription.refresh_from_db()
    assert not subscription.is_active


def test_wrong_subscription_token_is_a_404(client, shelter_page):
    assert client.get("/shelter/subscriptions/nope/unsubscribe/").status_code == 404


def test_daily_mail_lists_only_new_matching_pets_once(
    shelter_page, django_capture_on_commit_callbacks
):
    confirmed = timezone.now() - datetime.timedelta(days=1)
    cats = SubscriptionFactory(query="species=cat", confirmed_at=confirmed, last_sent_at=confirmed)
    SubscriptionFactory(query="species=cat")  # never confirmed: gets nothing
    PetFactory(name="Мурка", species="cat")
    PetFactory(name="Рекс", species="dog")
    with django_capture_on_commit_callbacks(execute=True):
        assert send_new_arrivals() == 1
    assert [message.to for message in mail.outbox] == [[cats.email]]
    assert "Мурка" in mail.outbox[0].body and "Рекс" not in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert send_new_arrivals() == 0
