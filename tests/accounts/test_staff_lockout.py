"""Guessing passwords locks the account and the address out; password resets are limited."""

import datetime
import logging

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core import mail

from tests.accounts.staff import PASSWORD, staff_member

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 11, 26, 9, 0, tzinfo=datetime.UTC)
LOCKED = "Вход временно заблокирован"


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def admin_sign_in(client, username="editor", password="wrong-password", **extra):  # noqa: S107
    return client.post("/admin/login/", {"login": username, "password": password}, **extra)


def test_wrong_admin_passwords_lock_the_account_even_for_the_right_one(client, clock, caplog):
    staff_member()
    with caplog.at_level(logging.WARNING, logger="axes"):
        responses = [admin_sign_in(client) for _ in range(5)]
    assert [response.status_code for response in responses] == [200] * 4 + [429]
    assert LOCKED in responses[-1].content.decode()
    assert any("Locking out" in record.getMessage() for record in caplog.records)

    response = admin_sign_in(client, password=PASSWORD)
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_the_lockout_grows_with_each_further_failure_and_then_ends(client, clock):
    staff_member()
    responses = [admin_sign_in(client) for _ in range(5)]
    assert "5 минут" in responses[-1].content.decode()
    # Attempts while locked out count too, even with the right password: each doubles the wait.
    assert "10 минут" in admin_sign_in(client, password=PASSWORD).content.decode()
    assert "20 минут" in admin_sign_in(client).content.decode()

    clock.shift(datetime.timedelta(minutes=21))
    response = admin_sign_in(client, password=PASSWORD)
    assert response.status_code == 302
    assert client.session[SESSION_KEY]


def test_one_address_guessing_many_accounts_is_locked_out(client, clock):
    staff_member()
    for number in range(5):
        admin_sign_in(client, username=f"guess{number}")
    assert admin_sign_in(client, password=PASSWORD).status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_one_locked(client, clock, settings):
    settings.PORTAL_TRUSTED_PROXIES = 1
    staff_member()
    proxy = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    for number in range(5):
        admin_sign_in(client, username=f"guess{number}", **proxy)
    assert admin_sign_in(client, **proxy).status_code == 429

    proxy["HTTP_X_FORWARDED_FOR"] = "198.51.100.7"
    other = admin_sign_in(client, password=PASSWORD, **proxy)
    assert other.status_code == 302


def test_citizens_sign_in_is_locked_out_the_same_way(client, clock):
    citizen = get_user_model().objects.create_user(
        username="resident", email="resident@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=citizen, email=citizen.email, verified=True, primary=True)
    credentials = {"login": "resident@example.org", "password": "wrong-password"}
    statuses = [client.post("/accounts/login/", credentials).status_code for _ in range(5)]
    assert statuses == [200] * 4 + [429]
    credentials["password"] = PASSWORD
    response = client.post("/accounts/login/", credentials)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()


@pytest.mark.parametrize("email", ["editor@sochi.example", "nobody@sochi.example"])
def test_admin_password_reset_sends_three_mails_an_hour_whoever_asks(client, email):
    staff_member()
    mail.outbox.clear()
    statuses = [
        client.post("/admin/password_reset/", {"email": email}).status_code for _ in range(15)
    ]
    # The same answers for an address with an account and one without: nothing to enumerate.
    assert statuses == [302] * 3 + [429] * 12
    assert len(mail.outbox) <= 3
    assert "Слишком много запросов" in client.post(
        "/admin/password_reset/", {"email": email}
    ).content.decode("utf-8")


def test_admin_password_reset_is_limited_per_address_too(client):
    statuses = [
        client.post("/admin/password_reset/", {"email": f"person{n}@sochi.example"}).status_code
        for n in range(12)
    ]
    assert statuses == [302] * 10 + [429] * 2


@pytest.mark.parametrize("email", ["resident@example.org", "nobody@example.org"])
def test_citizen_password_reset_is_limited_per_address_typed(
    client, email, django_capture_on_commit_callbacks
):
    citizen = get_user_model().objects.create_user(
        username="resident", email="resident@example.org", password=PASSWORD
    )
    EmailAddress.objects.create(user=citizen, email=citizen.email, verified=True, primary=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            client.post("/accounts/password/reset/", {"email": email}).status_code
            for _ in range(15)
        ]
    assert statuses == [302] * 3 + [429] * 12
    assert len(mail.outbox) <= 3


@pytest.mark.parametrize("url", ["/admin/login/", "/_util/login/", "/accounts/login/"])
def test_a_name_longer_than_any_account_is_a_wrong_sign_in_not_a_server_error(client, url):
    name = "x" * 400
    response = client.post(url, {"login": name, "username": name, "password": "wrong"})
    assert response.status_code in (200, 302, 400), response.status_code
