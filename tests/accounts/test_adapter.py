"""Account e-mails (django-allauth) go through the portal's outbox like every other e-mail."""

import pytest
from django.core import mail

from portal.models import OutboundEmail

pytestmark = pytest.mark.django_db
SIGNUP = {
    "email": "anna@example.org",
    "password1": "Sochi-sea-2026!",
    "password2": "Sochi-sea-2026!",
    "consent": "on",
}


def test_confirmation_mail_is_saved_and_sent_after_commit(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", SIGNUP)
        assert mail.outbox == []
    assert response.status_code == 302
    stored = OutboundEmail.objects.get()
    assert stored.to == "anna@example.org"
    assert stored.status == OutboundEmail.Status.SENT
    assert len(mail.outbox) == 1
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_signup_survives_a_mail_server_failure(
    client, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_EMAIL_TRANSPORT = "tests.portal.failing_mail.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    stored = OutboundEmail.objects.get()
    assert stored.status == OutboundEmail.Status.PENDING
    assert "/accounts/confirm-email/" in stored.body
