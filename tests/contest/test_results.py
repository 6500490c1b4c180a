"""Publishing results, the tally, the ballot list and its checksum, the append-only audit log."""

import csv
import datetime
import hashlib
import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection

from contest.models import AuditAction, AuditEvent, ContestResults
from contest.models.audit import AppendOnlyError
from contest.results import ballots_csv_bytes, publish_results, tally
from contest.voting import cast_vote
from tests.contest.factories import CLOSES, NOW, citizen

pytestmark = pytest.mark.django_db
AFTER = CLOSES + datetime.timedelta(hours=1)


@pytest.fixture
def voted(contest, entries):
    """Five votes: three for entry 0, two for entry 1, none for entry 2."""
    with time_machine.travel(NOW, tick=False):
        for number, entry in enumerate([0, 0, 0, 1, 1]):
            cast_vote(contest, entries[entry], citizen(f"c{number}"), f"10.0.{number}.1")
    return contest


def test_tally_ranks_accepted_entries_with_counts(voted, entries):
    standings = tally(voted)
    assert [(s.rank, s.entry.pk, s.votes) for s in standings] == [
        (1, entries[0].pk, 3),
        (2, entries[1].pk, 2),
        (3, entries[2].pk, 0),
    ]
    assert standings[0].share == 60.0


def test_results_cannot_be_published_while_voting(voted, admin_user):
    with time_machine.travel(NOW, tick=False), pytest.raises(ValidationError):
        publish_results(voted, by=admin_user)
    assert not ContestResults.objects.exists()


def test_publication_fixes_counts_and_checksum_of_ballot_list(voted, admin_user):
    with time_machine.travel(AFTER, tick=False):
        results = publish_results(voted, by=admin_user)
        with pytest.raises(ValidationError):
            publish_results(voted, by=admin_user)
    body = ballots_csv_bytes(voted)
    assert results.counted_votes == 5
    assert results.ballots_sha256 == hashlib.sha256(body).hexdigest()
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert len(rows) == 5 and set(rows[0]) == {
        "receipt_code",
        "entry_id",
        "entry",
        "cast_at",
        "status",
    }
    assert AuditEvent.objects.filter(action=AuditAction.PUBLISH).count() == 1


def test_votes_cannot_be_annulled_after_publication(voted, admin_user):
    vote = voted.votes.first()
    with time_machine.travel(AFTER, tick=False):
        publish_results(voted, by=admin_user)
        with pytest.raises(ValidationError):
            vote.annul(by=admin_user, reason="Поздно")


def test_ballot_list_has_no_personal_data(voted):
    body = ballots_csv_bytes(voted).decode()
    assert "@example.org" not in body and "+7918" not in body and "10.0." not in body


class TestAuditLog:
    def test_records_cannot_be_changed_or_deleted(self, voted):
        event = AuditEvent.objects.first()
        event.details = {"forged": True}
        with pytest.raises(AppendOnlyError):
            event.save()
        with pytest.raises(AppendOnlyError):
            event.delete()
        with pytest.raises(AppendOnlyError):
            AuditEvent.objects.all().update(details={})
        with pytest.raises(AppendOnlyError):
            AuditEvent.objects.all().delete()

    @pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
    )
    def test_database_trigger_refuses_raw_update(self, voted):
        from django.db import DatabaseError, transaction

        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE contest_auditevent SET details = '{}'")


HOSTILE_TITLE = "=cmd|' /C calc'!A0"


@pytest.fixture
def hostile_entry(voted, entries):
    entries[0].title = HOSTILE_TITLE
    entries[0].save_revision().publish()
    return entries[0]


def test_results_csv_neutralises_formula_cells(client, voted, hostile_entry, admin_user):
    with time_machine.travel(AFTER, tick=False):
        publish_results(voted, by=admin_user)
        body = client.get(f"{voted.url}results.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert "'" + HOSTILE_TITLE in [row["entry"] for row in rows]
    assert not any(cell.startswith("=") for row in rows for cell in row.values())


def test_ballots_csv_neutralises_formula_cells_before_the_checksum(
    client, voted, hostile_entry, admin_user
):
    with time_machine.travel(AFTER, tick=False):
        results = publish_results(voted, by=admin_user)
        body = client.get(f"{voted.url}ballots.csv").content
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert {row["entry"] for row in rows} >= {"'" + HOSTILE_TITLE}
    assert not any(cell.startswith("=") for row in rows for cell in row.values())
    assert results.ballots_sha256 == hashlib.sha256(body).hexdigest()
    assert body == ballots_csv_bytes(voted)  # deterministic
