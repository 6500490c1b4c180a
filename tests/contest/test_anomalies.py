"""The anomaly report shows a bot wave: one hour, one network, one phone prefix."""

import datetime

import pytest

from contest.anomalies import anomaly_report
from contest.models import Vote
from tests.contest.factories import OPENS, citizen

pytestmark = pytest.mark.django_db


def add_vote(contest, entry, number, at, network, prefix):
    Vote.objects.create(
        contest=contest,
        entry=entry,
        voter=citizen(f"v{number}"),
        receipt_code=f"CODE{number}",
        cast_at=at,
        network=network,
        phone_prefix=prefix,
    )


def test_bot_wave_is_flagged_and_normal_voting_is_not(contest, entries):
    number = 0
    for hour in range(10):  # one vote an hour for each entry, from different places
        for entry in entries:
            at = OPENS + datetime.timedelta(hours=hour, minutes=5)
            add_vote(contest, entry, number, at, f"10.{number}.0.0/24", f"+79{number:05d}")
            number += 1
    wave = OPENS + datetime.timedelta(hours=20)
    for minute in range(12):
        at = wave + datetime.timedelta(minutes=minute)
        add_vote(contest, entries[2], number, at, "185.12.45.0/24", "+7999000")
        number += 1
    report = anomaly_report(contest)
    assert report["total"] == 42
    spikes = [row for row in report["hourly"] if row.spike]
    assert [(row.entry, row.votes) for row in spikes] == [(entries[2].title, 12)]
    assert [row.label for row in report["networks"] if row.spike] == ["185.12.45.0/24"]
    assert [row.label for row in report["phone_prefixes"] if row.spike] == ["+7999000"]
