"""Faults injected for real, one class each: what the visitor sees, and that nothing is lost or
sent twice. E-mail goes the production way here (the "scheduled" database task backend and a
worker), not the immediate backend the rest of the suite uses."""

import datetime
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.db import OperationalError, connection
from django.db.backends.sqlite3.base import DatabaseWrapper
from django_tasks_db.models import DBTaskResult

from contest.models import Vote
from portal import mail as portal_mail
from portal.models import OutboundEmail
from shelter.models import AdoptionApplication, PetStatus
from tests.contest.conftest import contest, contest_index, entries, frozen, voter  # noqa: F401
from tests.portal.faults import SilentServer, closed_port, database_refusing_writes
from tests.portal.test_mail import run_worker
from tests.shelter.conftest import shelter_page  # noqa: F401
from tests.shelter.factories import PetFactory
from tests.shelter.test_applications import form

pytestmark = pytest.mark.django_db
SMTP = "django.core.mail.backends.smtp.EmailBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def pet(shelter_page):  # noqa: F811
    return PetFactory(name="Найда", status=PetStatus.LOOKING)


@pytest.fixture
def production_mail(settings):
    settings.PORTAL_MAIL_TASK_BACKEND = "scheduled"
    settings.PORTAL_EMAIL_TRANSPORT = SMTP
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 1
    return settings


@pytest.fixture
def silent_server():
    server = SilentServer()
    yield server
    server.close()


def apply_for(client, pet, capture):
    started = time.monotonic()
    with capture(execute=True):
        response = client.post(f"/shelter/pets/{pet.pk}/", form())
    return response, time.monotonic() - started


def assert_retry_planned(email):
    email.refresh_from_db()
    assert email.status == OutboundEmail.Status.PENDING
    assert email.attempts == 1 and email.last_error and email.retry_at
    retry = DBTaskResult.objects.get(task_path="portal.mail.retry_email")
    assert retry.args_kwargs["args"] == [email.pk]


class TestMailServerThatHangs:
    """The visitor sees the success page at once; the worker gives up after EMAIL_TIMEOUT."""

    def test_application_succeeds_and_the_worker_times_out(
        self, client, pet, production_mail, silent_server, django_capture_on_commit_callbacks
    ):
        production_mail.EMAIL_PORT = silent_server.port
        response, elapsed = apply_for(client, pet, django_capture_on_commit_callbacks)
        assert response.status_code == 302 and elapsed < 5
        application = AdoptionApplication.objects.get()
        email = OutboundEmail.objects.get(to=application.email)
        assert email.status == OutboundEmail.Status.PENDING
        assert not silent_server.accepted.is_set()  # the request never called the server

        started = time.monotonic()
        run_worker()
        assert time.monotonic() - started < 10
        assert silent_server.accepted.is_set()
        assert_retry_planned(email)
        assert "timed out" in email.last_error


class TestMailServerThatRefuses:
    """Success for the visitor; the retry sends the message once the server is back."""

    def test_retry_sends_once_after_the_server_comes_back(
        self, client, pet, production_mail, django_capture_on_commit_callbacks
    ):
        production_mail.EMAIL_PORT = closed_port()
        response, _elapsed = apply_for(client, pet, django_capture_on_commit_callbacks)
        assert response.status_code == 302
        run_worker()
        email = OutboundEmail.objects.get()
        assert_retry_planned(email)
        assert "Connection refused" in email.last_error or "ConnectionRefused" in email.last_error

        production_mail.PORTAL_EMAIL_TRANSPORT = LOCMEM
        DBTaskResult.objects.update(run_after=email.retry_at - datetime.timedelta(hours=1))
        run_worker()
        portal_mail.deliver_pending(datetime.timedelta(0))
        run_worker()
        email.refresh_from_db()
        assert email.status == OutboundEmail.Status.SENT and len(mail.outbox) == 1


def post_application_while_read_only(client, pet):
    assert client.get(f"/shelter/pets/{pet.pk}/").status_code == 200  # the visitor opens the form
    with database_refusing_writes():
        health = client.get("/healthz")
        response = client.post(f"/shelter/pets/{pet.pk}/", form())
    return health, response


def assert_russian_503_and_nothing_saved(health, response):
    assert health.status_code == 503
    assert health.json()["checks"]["database"] == "read-only"
    assert response.status_code == 503
    page = response.content.decode()
    assert "попробуйте ещё раз" in page and "«Назад»" in page
    assert 'class="site-header"' in page  # the portal layout, not a bare error
    assert response["Retry-After"]
    assert not AdoptionApplication.objects.exists() and not OutboundEmail.objects.exists()


class TestDatabaseReadOnly:
    """The visitor gets a Russian 503 page («попробуйте ещё раз»; Back keeps the form);
    nothing half-saved."""

    @pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite variant of the next test")
    def test_sqlite_refusing_writes(self, client, pet):
        assert_russian_503_and_nothing_saved(*post_application_while_read_only(client, pet))

    @pytest.mark.postgres
    @pytest.mark.django_db(transaction=True, serialized_rollback=True)
    @pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (default_transaction_read_only)"
    )
    def test_postgresql_refusing_writes(self, client, pet):
        assert_russian_503_and_nothing_saved(*post_application_while_read_only(client, pet))


DELIVER_ONE = """
import sys
import django
django.setup()
from django.test.utils import override_settings
from portal.mail import deliver
with override_settings(PORTAL_EMAIL_TRANSPORT={smtp!r}, EMAIL_HOST="127.0.0.1",
                       EMAIL_PORT=int(sys.argv[1]), EMAIL_TIMEOUT=60, EMAIL_USE_TLS=False,
                       EMAIL_USE_SSL=False):
    print(deliver(1))
"""


class TestWorkerKilledMidSend:
    """Nothing for the visitor to see; the message is never sent twice and is left unconfirmed."""

    @pytest.fixture
    def file_database(self, tmp_path):
        """A SQLite file holding just the outbox, with one pending message, for other processes."""
        path = tmp_path / "outbox.sqlite3"
        other = DatabaseWrapper({**connection.settings_dict, "NAME": str(path)}, "outbox_file")
        try:
            with other.schema_editor(atomic=False) as editor:
                editor.create_model(OutboundEmail)
        finally:
            other.close()
        with sqlite3.connect(path) as db:
            db.execute(
                'INSERT INTO portal_outboundemail (id, "to", subject, body, headers, reply_to,'
                " template, status, attempts, last_error, created_at) VALUES (1, 'a@example.org',"
                " 'Заявка', 'Текст', '{}', '', 't', 'pending', 0, '', '2026-01-01 00:00:00')"
            )
        return path

    def run(self, file_database, *args, code=None):
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": f"sqlite:///{file_database}",
        }
        command = [sys.executable, "-c", code, *args] if code else [sys.executable, *args]
        return subprocess.Popen(command, env=environment, cwd=django_settings.BASE_DIR)

    def status(self, file_database):
        with sqlite3.connect(file_database) as db:
            return db.execute("SELECT status, attempts FROM portal_outboundemail").fetchone()

    @pytest.mark.skipif(
        connection.vendor != "sqlite", reason="uses a SQLite file shared by processes"
    )
    def test_killed_worker_then_safety_net_and_rerun_send_nothing_more(
        self, file_database, silent_server
    ):
        code = DELIVER_ONE.format(smtp=SMTP)
        worker = self.run(file_database, str(silent_server.port), code=code)
        assert silent_server.accepted.wait(60), "the worker never reached the mail server"
        assert self.status(file_database) == ("sending", 1)
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)

        safety_net = self.run(file_database, "manage.py", "send_pending_email", "--minutes=0")
        assert safety_net.wait(120) == 0
        rerun = self.run(file_database, str(silent_server.port), code=code)
        assert rerun.wait(120) == 0
        assert self.status(file_database) == ("unconfirmed", 1)
        assert len(silent_server.connections) == 1  # never a second conversation

    def test_database_error_while_recording_sent_is_not_resent(self):
        email = OutboundEmail.objects.create(
            to="a@example.org", subject="s", body="b", template="t"
        )

        def refuse_to_record_sent(execute, sql, params, many, context):
            if sql.startswith("UPDATE") and "sent_at" in sql:
                raise OperationalError("database is locked")
            return execute(sql, params, many, context)

        with connection.execute_wrapper(refuse_to_record_sent):
            portal_mail.deliver(email.pk)
        portal_mail.deliver_pending(datetime.timedelta(0))
        portal_mail.retry_email.call(email.pk)
        email.refresh_from_db()
        assert email.status == OutboundEmail.Status.UNCONFIRMED
        assert len(mail.outbox) == 1


class TestVoteReceipt:
    """The voter sees the receipt page even when recording the receipt e-mail fails."""

    def test_vote_stays_a_success_when_recording_the_delivery_fails(
        self,
        frozen,  # noqa: F811
        client,
        contest,  # noqa: F811
        entries,  # noqa: F811
        voter,  # noqa: F811
        django_capture_on_commit_callbacks,
    ):
        def refuse_to_record_sent(execute, sql, params, many, context):
            if sql.startswith("UPDATE") and "sent_at" in sql:
                raise OperationalError("database is locked")
            return execute(sql, params, many, context)

        client.force_login(voter)
        with (
            connection.execute_wrapper(refuse_to_record_sent),
            django_capture_on_commit_callbacks(execute=True),
        ):
            response = client.post(f"{contest.url}vote/", {"entry": entries[0].pk})
        vote = Vote.objects.get()
        assert response.status_code == 302
        assert response["Location"].endswith(f"receipt/{vote.receipt_code}/")
        assert len(mail.outbox) == 1
        frozen.shift(datetime.timedelta(minutes=10))  # the safety net's next cron run
        portal_mail.deliver_pending()
        assert len(mail.outbox) == 1
        assert OutboundEmail.objects.get().status == OutboundEmail.Status.UNCONFIRMED
