"""portal.mail: a message is saved with what caused it, sent after commit, retried on failure."""

import pytest
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from portal import mail as portal_mail
from portal.models import OutboundEmail

pytestmark = pytest.mark.django_db
FAILING = "tests.portal.failing_mail.FailingBackend"


def send_notice(**context):
    context = {"name": "Анна <Смирнова>", "number": 7, **context}
    return portal_mail.send_templated("anna@example.org", "portal/mail/test_notice", context)


def test_message_is_sent_after_commit_and_not_before(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = send_notice()
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Заявка № 7 принята"
    assert message.to == ["anna@example.org"]
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert email.attempts == 1


def test_plain_text_mail_is_not_html_escaped(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_notice()
    assert "Анна <Смирнова>" in mail.outbox[0].body


def test_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        send_notice()
        raise RuntimeError("the caller failed after queueing")
    assert mail.outbox == []
    assert not OutboundEmail.objects.exists()


def test_failed_send_keeps_the_message_and_schedules_a_retry(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        email = send_notice()
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.PENDING
    assert email.attempts == 1
    assert "Connection unexpectedly closed" in email.last_error
    retry = DBTaskResult.objects.get()
    assert retry.task_path == "portal.mail.retry_email"
    assert retry.args_kwargs["args"] == [email.pk]
    assert retry.run_after > email.created_at


def test_retry_sends_once_the_server_is_back(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        email = send_notice()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert portal_mail.retry_email.call(email.pk) is True
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert email.attempts == 2
    assert len(mail.outbox) == 1
    # A second delivery of the same row sends nothing more.
    assert portal_mail.deliver(email.pk) is False
    assert len(mail.outbox) == 1


def test_message_is_marked_failed_after_the_last_retry(settings):
    settings.EMAIL_BACKEND = FAILING
    email = send_notice()
    for _attempt in range(len(portal_mail.RETRY_DELAYS) + 1):
        portal_mail.deliver(email.pk)
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.FAILED
    assert email.attempts == len(portal_mail.RETRY_DELAYS) + 1
    assert DBTaskResult.objects.count() == len(portal_mail.RETRY_DELAYS)


def test_headers_are_sent(django_capture_on_commit_callbacks):
    headers = {"List-Unsubscribe": "<https://sochi.example/u/abc/>"}
    with django_capture_on_commit_callbacks(execute=True):
        portal_mail.send_templated(
            "anna@example.org",
            "portal/mail/test_notice",
            {"name": "Анна", "number": 1},
            headers=headers,
        )
    assert mail.outbox[0].extra_headers["List-Unsubscribe"] == headers["List-Unsubscribe"]


def test_pending_command_sends_what_the_worker_missed(settings):
    settings.EMAIL_BACKEND = FAILING
    email = send_notice()  # on_commit never runs here: the test transaction stays open
    OutboundEmail.objects.filter(pk=email.pk).update(created_at=email.created_at.replace(year=2025))
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert portal_mail.deliver_pending() == 1
    assert len(mail.outbox) == 1
