"""News and calendar subscriptions (portal.subscriptions): double opt-in, one-click unsubscribe,
the forms on the section pages and what they refuse."""

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from calendar_pages.models import CalendarSubscription
from news.models import NewsSubscription
from tests.calendar_pages.factories import CalendarIndexPageFactory
from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db
GOOD = {"email": "Reader@Example.com", "frequency": "weekly", "consent": "on"}


@pytest.fixture
def calendar_page(home):
    return CalendarIndexPageFactory(parent=home)


@pytest.fixture
def ecology(news_index):
    NewsPageFactory(parent=news_index, tags=["Экология"])
    from taggit.models import Tag

    return Tag.objects.get(name="Экология")


def subscribe(client, path, data, capture):
    with capture(execute=True):
        return client.post(path, data)


def test_subscribing_mails_only_a_confirmation_until_confirmed(
    client, news_index, ecology, django_capture_on_commit_callbacks
):
    data = {**GOOD, "topic": ecology.slug}
    response = subscribe(client, "/news/subscribe/", data, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Проверьте почту" in response.text
    subscription = NewsSubscription.objects.get()
    assert (subscription.email, subscription.topic, subscription.frequency) == (
        "reader@example.com",
        ecology,
        "weekly",
    )
    assert subscription.consent_version and subscription.consented_at
    assert not subscription.is_active
    assert len(mail.outbox) == 1
    confirm_url = f"http://testserver/news/subscriptions/{subscription.token}/confirm/"
    assert confirm_url in mail.outbox[0].body
    assert client.get(confirm_url).status_code == 200  # a GET (mail scanners) confirms nothing
    subscription.refresh_from_db()
    assert not subscription.is_active
    client.post(confirm_url)
    subscription.refresh_from_db()
    assert subscription.is_active


def test_calendar_subscription_keeps_the_district(
    client, calendar_page, django_capture_on_commit_callbacks
):
    data = {**GOOD, "district": "adlersky", "frequency": "daily"}
    response = subscribe(client, "/calendar/subscribe/", data, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    subscription = CalendarSubscription.objects.get()
    assert (subscription.district, subscription.frequency) == ("adlersky", "daily")
    assert "календарь, Адлерский, ежедневно" in mail.outbox[0].body


def test_forms_are_on_the_news_and_calendar_pages(client, news_index, calendar_page, ecology):
    news = client.get(f"/news/?tag={ecology.slug}").text
    assert 'action="/news/subscribe/"' in news
    assert f'<option value="{ecology.slug}" selected>' in news
    calendar = client.get("/calendar/?district=lazarevsky").text
    assert 'action="/calendar/subscribe/"' in calendar
    assert '<option value="lazarevsky" selected>' in calendar


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**GOOD, "email": "не-адрес"}, "Введите адрес электронной почты"),
        ({**GOOD, "consent": ""}, "Без вашего согласия"),
        ({**GOOD, "frequency": "hourly"}, "Выберите: ежедневно или еженедельно"),
        ({**GOOD, "topic": "no-such-topic"}, "Выберите тему из списка"),
    ],
)
def test_bad_news_subscription_is_a_400_with_a_russian_message(client, news_index, data, message):
    response = client.post("/news/subscribe/", data)
    assert response.status_code == 400
    assert message in response.text
    assert 'value="Reader@Example.com"' in response.text or data["email"] == "не-адрес"
    assert not NewsSubscription.objects.exists()
    assert mail.outbox == []


def test_unknown_district_is_a_400(client, calendar_page):
    response = client.post("/calendar/subscribe/", {**GOOD, "district": "moon"})
    assert response.status_code == 400
    assert "Выберите район из списка" in response.text
    assert not CalendarSubscription.objects.exists()


def test_get_of_the_subscribe_address_goes_to_the_form(client, news_index):
    response = client.get("/news/subscribe/")
    assert response.status_code == 302
    assert response["Location"] == "/news/#subscribe"


def test_subscribing_too_often_from_one_address_is_a_429(client, news_index, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "subscription": (2, 3600)}
    for number in range(2):
        data = {**GOOD, "email": f"r{number}@example.com"}
        assert client.post("/news/subscribe/", data).status_code == 200
    response = client.post("/news/subscribe/", {**GOOD, "email": "r3@example.com"})
    assert response.status_code == 429
    assert "Слишком много подписок" in response.text


def test_one_address_cannot_be_flooded_with_confirmations(client, news_index, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "subscription_email": (1, 3600)}
    assert client.post("/news/subscribe/", GOOD).status_code == 200
    response = client.post("/news/subscribe/", GOOD)
    assert response.status_code == 429
    assert NewsSubscription.objects.count() == 1


def test_bots_filling_the_hidden_field_get_no_subscription(client, news_index):
    response = client.post("/news/subscribe/", {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 200
    assert not NewsSubscription.objects.exists()


def confirmed(model=NewsSubscription, **fields):
    return model.objects.create(
        email="reader@example.com",
        frequency="daily",
        consent_version="2026-12-1",
        consented_at=timezone.now(),
        confirmed_at=timezone.now(),
        **fields,
    )


class TestUnsubscribe:
    def test_page_has_one_button_that_posts(self, client, news_index):
        subscription = confirmed()
        url = f"/news/subscriptions/{subscription.token}/unsubscribe/"
        page = client.get(url).text
        content = page.split('class="container subscription-page"', 1)[1]
        assert content.count("<button") == 1
        assert '<form method="post"' in content
        subscription.refresh_from_db()
        assert subscription.is_active
        client.post(url)
        subscription.refresh_from_db()
        assert not subscription.is_active

    @pytest.mark.parametrize("code", ["news", "calendar"])
    def test_one_click_post_needs_no_csrf_token(self, news_index, calendar_page, code):
        model = NewsSubscription if code == "news" else CalendarSubscription
        subscription = confirmed(model)
        client = Client(enforce_csrf_checks=True)
        response = client.post(
            f"/unsubscribe/{code}/{subscription.token}/", {"List-Unsubscribe": "One-Click"}
        )
        assert response.status_code == 200
        subscription.refresh_from_db()
        assert not subscription.is_active

    def test_one_click_address_answers_only_post(self, client, news_index):
        subscription = confirmed()
        assert client.get(f"/unsubscribe/news/{subscription.token}/").status_code == 405
        subscription.refresh_from_db()
        assert subscription.is_active

    @pytest.mark.parametrize("path", ["/unsubscribe/news/nope/", "/unsubscribe/moon/nope/"])
    def test_unknown_token_or_kind_is_a_404(self, client, news_index, path):
        assert client.post(path).status_code == 404

    def test_wrong_token_on_the_pages_is_a_404(self, client, news_index):
        assert client.get("/news/subscriptions/nope/unsubscribe/").status_code == 404
        assert client.get("/news/subscriptions/nope/confirm/").status_code == 404

    def test_confirmation_mail_carries_the_one_click_headers(
        self, client, news_index, django_capture_on_commit_callbacks
    ):
        subscribe(client, "/news/subscribe/", GOOD, django_capture_on_commit_callbacks)
        token = NewsSubscription.objects.get().token
        headers = mail.outbox[0].extra_headers
        assert headers["List-Unsubscribe"].startswith(
            f"<http://testserver/unsubscribe/news/{token}/>, <mailto:"
        )
        assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
