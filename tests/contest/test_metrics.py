"""The contest's gauge on /metrics: votes cast in the last minute."""

import datetime

import pytest
import time_machine

from contest.voting import cast_vote
from tests.contest.factories import NOW, citizen

pytestmark = pytest.mark.django_db


def votes_last_minute(client):
    text = client.get("/metrics").content.decode()
    line = next(ln for ln in text.splitlines() if ln.startswith("portal_votes_last_minute "))
    return float(line.split()[1])


def test_votes_of_the_last_minute_are_counted(client, contest, entries):
    with time_machine.travel(NOW, tick=False):
        assert votes_last_minute(client) == 0
        cast_vote(contest, entries[0], citizen("first"), "10.0.0.1")
        cast_vote(contest, entries[1], citizen("second"), "10.0.0.2")
        assert votes_last_minute(client) == 2
    with time_machine.travel(NOW + datetime.timedelta(minutes=2), tick=False):
        assert votes_last_minute(client) == 0
