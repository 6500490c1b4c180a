"""Votes arriving at the same moment, on PostgreSQL (real concurrent transactions).

SQLite serialises writers on one file lock, so these races cannot happen there and the tests are
skipped on it: run them with DATABASE_URL=postgres://… (CI does).
"""

import pytest

from contest.demo.seeding import bulk_add_voters
from contest.models import AuditAction, AuditEvent, Vote
from contest.results import tally
from contest.voting import AlreadyVotedError, cast_vote
from tests.races import POSTGRES_RACES, run_together

pytestmark = POSTGRES_RACES


@pytest.fixture(autouse=True)
def generous_rate_limits(settings):
    settings.PORTAL_RATE_LIMITS = {
        **settings.PORTAL_RATE_LIMITS,
        "vote_ip": (10_000, 3600),
        "vote_account": (10_000, 3600),
    }


def test_fifty_simultaneous_votes_by_one_person_give_exactly_one(frozen, contest, entries, voter):
    outcomes = run_together(
        50, lambda number: cast_vote(contest, entries[number % 3], voter, f"10.0.{number}.1")
    )
    votes = [outcome for outcome in outcomes if isinstance(outcome, Vote)]
    refusals = [outcome for outcome in outcomes if isinstance(outcome, AlreadyVotedError)]
    assert len(votes) == 1 and len(refusals) == 49, outcomes
    assert Vote.objects.filter(voter=voter).count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.VOTE).count() == 1


def test_two_hundred_distinct_voters_at_once_give_two_hundred_votes(frozen, contest, entries):
    voters = bulk_add_voters(200, prefix="crowd")
    outcomes = run_together(
        200,
        lambda number: cast_vote(contest, entries[number % 3], voters[number], f"10.{number}.0.1"),
    )
    errors = [outcome for outcome in outcomes if not isinstance(outcome, Vote)]
    assert errors == []
    assert Vote.objects.filter(contest=contest).count() == 200
    expected = {entries[0].pk: 67, entries[1].pk: 67, entries[2].pk: 66}
    assert {standing.entry.pk: standing.votes for standing in tally(contest)} == expected
