"""What one vote costs: the request reads nothing twice, and the receipt e-mail is a worker's job.

Voting day is the portal's peak: each query and each template rendered inside the vote request
is paid thousands of times at once (benchmarks/bench_voting.py measures it under load).
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from contest.mail import send_vote_receipt
from contest.voting import cast_vote
from portal.models import OutboundEmail

pytestmark = pytest.mark.django_db
INSERT = re.compile(r'^INSERT INTO "(\w+)"')


@pytest.fixture
def receipts_by_worker(settings):
    """The production path: the receipt task waits in the database for the worker."""
    settings.PORTAL_MAIL_TASK_BACKEND = "scheduled"


def statements(queries):
    return [query["sql"] for query in queries]


def test_vote_reads_only_the_citizen_and_writes_three_rows(
    frozen, contest, entries, voter, receipts_by_worker
):
    with CaptureQueriesContext(connection) as queries:
        cast_vote(contest, entries[0], voter, "10.0.0.1")
    sql = statements(queries)
    reads = [query for query in sql if query.startswith("SELECT")]
    inserted = [match.group(1) for query in sql if (match := INSERT.match(query))]
    # The confirmed e-mail address and the verified phone; the contest and the entry are the
    # caller's, and a previous vote is the unique constraint's business.
    assert len(reads) == 2, reads
    assert inserted == ["contest_vote", "contest_auditevent", "django_tasks_database_dbtaskresult"]


def test_receipt_is_rendered_by_the_worker_not_the_request(
    frozen, contest, entries, voter, receipts_by_worker
):
    vote = cast_vote(contest, entries[0], voter, "10.0.0.1")
    assert not OutboundEmail.objects.exists()
    task = DBTaskResult.objects.get()
    assert task.task_path == "contest.mail.send_vote_receipt"
    send_vote_receipt.call(*task.args_kwargs["args"])
    email = OutboundEmail.objects.get()
    assert email.to == voter.email and email.template == "contest/mail/vote_receipt"
    assert "Участник 0" in email.body and vote.receipt_code in email.subject + email.body
    assert f"check/?code={vote.receipt_code}" in email.body


def test_refused_vote_leaves_no_receipt_task(frozen, contest, entries, voter, receipts_by_worker):
    from contest.voting import AlreadyVotedError

    cast_vote(contest, entries[0], voter, "10.0.0.1")
    with pytest.raises(AlreadyVotedError):
        cast_vote(contest, entries[1], voter, "10.0.0.1")
    assert DBTaskResult.objects.count() == 1


def test_vote_over_http_reads_the_contest_once(frozen, client, contest, entries, voter):
    client.force_login(voter)
    client.get(f"{contest.url}vote/", {"entry": entries[0].pk})
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"{contest.url}vote/", {"entry": entries[0].pk})
    assert response.status_code == 302
    contest_reads = [
        query for query in statements(queries) if 'FROM "contest_contestpage"' in query
    ]
    assert len(contest_reads) == 1, contest_reads  # Wagtail's routing; nothing after it
