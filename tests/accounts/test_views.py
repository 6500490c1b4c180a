"""The profile shows the verification state; the phone pages walk a citizen through the code."""

import re

import pytest

from accounts.models import PhoneVerification
from tests.accounts.factories import citizen, make_user

pytestmark = pytest.mark.django_db
PHONE = "+79181112233"


def test_profile_needs_sign_in(client):
    assert client.get("/accounts/profile/").status_code == 302


def test_profile_shows_what_is_missing(client):
    client.force_login(make_user("resident", email_verified=True))
    page = client.get("/accounts/profile/").content.decode()
    assert "/accounts/phone/" in page and "не подтверждён" in page


def test_profile_of_verified_citizen(client):
    client.force_login(citizen())
    page = client.get("/accounts/profile/").content.decode()
    assert "можете голосовать" in page


def test_phone_flow(frozen, client, sms_outbox):
    user = make_user("resident", email_verified=True)
    client.force_login(user)
    form = client.get("/accounts/phone/").content.decode()
    assert "2026-11-1" not in form and "согласие" in form.lower()
    response = client.post("/accounts/phone/", {"phone": "8 918 111-22-33", "consent": "on"})
    assert response.status_code == 302 and response["Location"] == "/accounts/phone/confirm/"
    verification = PhoneVerification.objects.get(user=user)
    assert str(verification.phone) == PHONE and verification.consent_version
    code = re.search(r"\d{6}", sms_outbox[-1].text).group(0)
    wrong = client.post(
        "/accounts/phone/confirm/", {"code": "000000" if code != "000000" else "1" * 6}
    )
    assert wrong.status_code == 400 and "Неверный код" in wrong.content.decode()
    done = client.post("/accounts/phone/confirm/", {"code": code})
    assert done.status_code == 302
    assert PhoneVerification.objects.get(user=user).is_verified


@pytest.mark.parametrize(
    "data",
    [
        {"phone": "", "consent": "on"},
        {"phone": "12", "consent": "on"},
        {"phone": "не телефон", "consent": "on"},
        {"phone": PHONE},
    ],
)
def test_bad_phone_form_re_renders_with_what_was_typed(frozen, client, data, sms_outbox):
    client.force_login(make_user("resident", email_verified=True))
    response = client.post("/accounts/phone/", data)
    assert response.status_code == 400
    if data["phone"]:
        assert data["phone"] in response.content.decode()
    assert sms_outbox == []


@pytest.mark.parametrize("code", ["", "12345", "abcdef", "1234567"])
def test_malformed_code_is_a_400(frozen, client, code):
    user = make_user("resident", email_verified=True)
    PhoneVerification.objects.create(user=user, phone=PHONE)
    client.force_login(user)
    assert client.post("/accounts/phone/confirm/", {"code": code}).status_code == 400


def test_phone_of_another_account_is_refused_with_a_message(frozen, client):
    other = citizen("owner")
    phone = other.phone_verification.phone
    client.force_login(make_user("resident", email_verified=True))
    response = client.post("/accounts/phone/", {"phone": str(phone), "consent": "on"})
    assert response.status_code == 400
    assert "другую учётную запись" in response.content.decode()


def test_codes_to_one_number_from_several_accounts_are_refused_with_429(frozen, sms_outbox):
    """The old attack: 4 accounts sent 10 SMS to one number within seconds."""
    from django.conf import settings
    from django.test import Client

    limit, _period = settings.PORTAL_RATE_LIMITS["otp_send_phone"]
    statuses = []
    for attempt in range(10):
        client = Client()
        client.force_login(make_user(f"sender{attempt}", email_verified=True))
        response = client.post("/accounts/phone/", {"phone": PHONE, "consent": "on"})
        statuses.append(response.status_code)
        if response.status_code == 429:
            assert "слишком много кодов" in response.content.decode().lower()
            assert PHONE[2:5] in response.content.decode()  # the number typed is kept
    assert statuses == [302] * limit + [429] * (10 - limit)
    assert len(sms_outbox) == limit
