"""Voters' personal data goes once the retention period after the results ends; ballots stay."""

import datetime
import io

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command

from contest.models import Vote
from contest.results import ballots_checksum, publish_results
from contest.retention import anonymise_votes
from contest.voting import cast_vote
from tests.contest.factories import CLOSES, NOW, citizen

pytestmark = pytest.mark.django_db
PUBLISHED = CLOSES + datetime.timedelta(days=1)


@pytest.fixture
def published(contest, entries, admin_user):
    with time_machine.travel(NOW, tick=False):
        for number in range(3):
            cast_vote(contest, entries[number], citizen(f"c{number}"), f"10.0.{number}.1")
    with time_machine.travel(PUBLISHED, tick=False):
        return publish_results(contest, by=admin_user)


def test_votes_keep_personal_data_during_the_retention_period(published, contest, entries):
    almost = PUBLISHED + datetime.timedelta(days=settings.CONTEST_VOTER_RETENTION_DAYS - 1)
    assert anonymise_votes(now=almost) == 0
    assert not Vote.objects.filter(voter=None).exists()


def test_after_retention_votes_are_anonymous_and_the_checksum_still_holds(published, contest):
    later = PUBLISHED + datetime.timedelta(days=settings.CONTEST_VOTER_RETENTION_DAYS + 1)
    assert anonymise_votes(now=later) == 3
    assert set(Vote.objects.values_list("voter", "network", "phone_prefix", "phone_key")) == {
        (None, "", "", "")
    }
    assert ballots_checksum(contest) == published.ballots_sha256
    assert anonymise_votes(now=later) == 0


def test_running_contests_are_left_alone(frozen, contest, entries, voter):
    cast_vote(contest, entries[0], voter, "10.0.0.1")
    with time_machine.travel(NOW + datetime.timedelta(days=5 * 365), tick=False):
        call_command("anonymise_contest_voters", stdout=io.StringIO())
    assert Vote.objects.get().voter == voter
