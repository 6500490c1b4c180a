"""portal.mail: a message is saved with what caused it, sent by a worker, retried, at most once.

The test settings send on commit through an immediate task backend, so the rest of the suite can
assert `mail.outbox` after a request. The production path (the "scheduled" database backend and a
worker) is proven by TestProductionPath: a request ends with the row pending and no SMTP
connection, and a `db_worker` run sends it; tests/portal/test_fault_injection.py drives it further.
"""

import datetime
import logging
import threading
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError, connection, connections, transaction
from django.utils import timezone
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
    settings.PORTAL_EMAIL_TRANSPORT = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        email = send_notice()
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.PENDING
    assert email.attempts == 1
    assert "Connection unexpectedly closed" in email.last_error
    retry = DBTaskResult.objects.get()  # the first send ran at once (immediate test backend)
    assert retry.task_path == "portal.mail.retry_email"
    assert retry.args_kwargs["args"] == [email.pk]
    assert retry.run_after > email.created_at


def test_retry_sends_once_the_server_is_back(settings, django_capture_on_commit_callbacks):
    settings.PORTAL_EMAIL_TRANSPORT = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        email = send_notice()
    settings.PORTAL_EMAIL_TRANSPORT = "django.core.mail.backends.locmem.EmailBackend"
    assert portal_mail.retry_email.call(email.pk) is True
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.SENT
    assert email.attempts == 2
    assert len(mail.outbox) == 1
    # A second delivery of the same row sends nothing more.
    assert portal_mail.deliver(email.pk) is False
    assert len(mail.outbox) == 1


def test_message_is_marked_failed_after_the_last_retry(settings):
    settings.PORTAL_EMAIL_TRANSPORT = FAILING
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
    settings.PORTAL_EMAIL_TRANSPORT = FAILING
    email = send_notice()  # on_commit never runs here: the test transaction stays open
    OutboundEmail.objects.filter(pk=email.pk).update(created_at=email.created_at.replace(year=2025))
    settings.PORTAL_EMAIL_TRANSPORT = "django.core.mail.backends.locmem.EmailBackend"
    assert portal_mail.deliver_pending() == 1
    assert len(mail.outbox) == 1


def run_worker():
    """One `db_worker` pass over every due task, as production runs it.

    In-process, the worker's close_old_connections() would close the test's own connection (it
    holds the test transaction open); a real worker process closes stale ones between tasks.
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        _call_worker()


def _call_worker():
    call_command(
        "db_worker",
        "--backend=scheduled",
        "--queue-name=*",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
    )


class TestProductionPath:
    @pytest.fixture(autouse=True)
    def database_backend(self, settings):
        settings.PORTAL_MAIL_TASK_BACKEND = "scheduled"
        settings.PORTAL_EMAIL_TRANSPORT = "django.core.mail.backends.smtp.EmailBackend"

    def test_request_side_only_records_and_enqueues(self, django_capture_on_commit_callbacks):
        with (
            mock.patch("smtplib.SMTP", side_effect=AssertionError("SMTP in the request")) as smtp,
            django_capture_on_commit_callbacks(execute=True),
        ):
            email = send_notice()
        smtp.assert_not_called()
        email.refresh_from_db()
        assert email.status == OutboundEmail.Status.PENDING and email.attempts == 0
        task = DBTaskResult.objects.get()
        assert (task.task_path, task.backend_name) == ("portal.mail.send_email", "scheduled")
        assert task.args_kwargs["args"] == [email.pk]

    def test_a_worker_run_sends_it(self, settings, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            email = send_notice()
        settings.PORTAL_EMAIL_TRANSPORT = "django.core.mail.backends.locmem.EmailBackend"
        run_worker()
        email.refresh_from_db()
        assert email.status == OutboundEmail.Status.SENT and len(mail.outbox) == 1
        run_worker()  # a re-run finds nothing to do
        assert len(mail.outbox) == 1

    def test_the_smtp_backend_gets_the_timeout(self, settings):
        settings.EMAIL_TIMEOUT = 3
        email = send_notice()
        with mock.patch("smtplib.SMTP", side_effect=TimeoutError("timed out")) as smtp:
            portal_mail.deliver(email.pk)
        assert smtp.call_args.kwargs["timeout"] == 3


class TestAtMostOnce:
    def test_only_one_claim_wins(self):
        email = send_notice()
        assert portal_mail._claim(email.pk) == 1
        assert portal_mail._claim(email.pk) is None
        email.refresh_from_db()
        assert email.status == OutboundEmail.Status.SENDING and email.claimed_at is not None

    def test_every_way_of_sending_the_same_row_sends_it_once(self):
        email = send_notice()
        OutboundEmail.objects.filter(pk=email.pk).update(
            created_at=timezone.now() - datetime.timedelta(hours=1)
        )
        assert portal_mail.send_email.call(email.pk) is True
        assert portal_mail.retry_email.call(email.pk) is False
        assert portal_mail.deliver_pending(datetime.timedelta(0)) == 0
        assert portal_mail.deliver(email.pk) is False
        assert len(mail.outbox) == 1

    def test_sent_but_not_recorded_is_left_unconfirmed_and_never_resent(self, caplog):
        email = send_notice()

        def refuse_to_record_sent(execute, sql, params, many, context):
            if sql.startswith("UPDATE") and "sent_at" in sql:
                raise OperationalError("disk I/O error")
            return execute(sql, params, many, context)

        with connection.execute_wrapper(refuse_to_record_sent):
            assert portal_mail.deliver(email.pk) is True
        email.refresh_from_db()
        assert email.status == OutboundEmail.Status.SENDING
        with caplog.at_level(logging.ERROR, logger="portal.mail"):
            assert portal_mail.deliver_pending(datetime.timedelta(0)) == 0
        email.refresh_from_db()
        assert email.status == OutboundEmail.Status.UNCONFIRMED
        assert "may have been delivered" in email.last_error
        assert f"E-mail {email.pk} was interrupted" in caplog.text
        assert len(mail.outbox) == 1

    def test_a_recent_claim_is_left_to_its_sender(self):
        email = send_notice()
        portal_mail._claim(email.pk)
        assert portal_mail.deliver_pending(datetime.timedelta(minutes=5)) == 0
        email.refresh_from_db()
        assert email.status == OutboundEmail.Status.SENDING

    def test_a_planned_retry_is_not_sent_early_by_the_safety_net(self, settings):
        settings.PORTAL_EMAIL_TRANSPORT = FAILING
        email = send_notice()
        portal_mail.deliver(email.pk)
        OutboundEmail.objects.filter(pk=email.pk).update(
            created_at=timezone.now() - datetime.timedelta(hours=1)
        )
        assert portal_mail.deliver_pending(datetime.timedelta(minutes=5)) == 0
        email.refresh_from_db()
        assert email.attempts == 1

    def test_logs_below_error_name_no_address(self, settings, caplog):
        settings.PORTAL_EMAIL_TRANSPORT = FAILING
        email = send_notice()
        with caplog.at_level(logging.INFO, logger="portal.mail"):
            portal_mail.deliver(email.pk)
        assert caplog.records and "anna@example.org" not in caplog.text


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises all writes, so there is no race to test",
)
def test_concurrent_senders_send_once_on_postgresql():
    # Not send_notice(): in autocommit its on-commit send would run at once.
    email = OutboundEmail.objects.create(to="anna@example.org", subject="s", body="b", template="t")
    barrier = threading.Barrier(6)
    results = []

    def racer():
        try:
            barrier.wait()
            results.append(portal_mail.deliver(email.pk))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=racer) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 5 + [True]
    assert len(mail.outbox) == 1
