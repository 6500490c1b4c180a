"""The combined result by each rule, with the arithmetic done by hand, and the published checksum
of the jury's scores.

Three accepted entries (E0, E1, E2), two criteria: «Благоустройство» weight 2, scores 0–10, and
«Вовлечённость» weight 1, scores 0–5. Two jurors:

          Anna     Boris    means       normalised    jury score J = 100·(2·a + 1·b)/3
    E0    8, 4     6, 2     7, 3        0.7, 0.6      100·(1.4 + 0.6)/3 = 66.666… → 66.67
    E1   10, 5    10, 5    10, 5        1.0, 1.0      100·(2 + 1)/3     = 100.00
    E2    5, 0     5, 0     5, 0        0.5, 0.0      100·(1 + 0)/3     = 33.333… → 33.33

Votes: E0 6, E1 2, E2 2 of 10 counted → vote shares V = 60, 20, 20.
"""

import datetime
import hashlib
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from contest.combined import combine, standings
from contest.jury import record_scores, scores_checksum
from contest.models import ContestPage, JuryScore
from contest.results import ballots_checksum, publish_results
from contest.voting import cast_vote
from tests.contest.factories import NOW, citizen
from tests.contest.jury_factories import JURY_CLOSES, juror, with_jury

pytestmark = pytest.mark.django_db
AFTER_JURY = JURY_CLOSES + datetime.timedelta(hours=1)
SCORES = {0: [(8, 4), (6, 2)], 1: [(10, 5), (10, 5)], 2: [(5, 0), (5, 0)]}
VOTES = [0] * 6 + [1] * 2 + [2] * 2


def scored(contest, entries, rule, jury_weight=50):
    criteria = with_jury(
        contest,
        rule=rule,
        jury_weight=jury_weight,
        criteria=[("Благоустройство", 2, 10), ("Вовлечённость", 1, 5)],
    )
    jurors = [juror("juror-anna"), juror("juror-boris")]
    for number, pairs in SCORES.items():
        for person, (first, second) in zip(jurors, pairs, strict=True):
            values = {criteria[0].pk: first, criteria[1].pk: second}
            record_scores(contest, entries[number], person, values, now=NOW)
    with time_machine.travel(NOW, tick=False):
        for number, entry in enumerate(VOTES):
            cast_vote(contest, entries[entry], citizen(f"v{number}"), f"10.0.{number}.1")
    return ContestPage.objects.get(pk=contest.pk)


def table(contest, entries):
    names = {entry.pk: f"E{number}" for number, entry in enumerate(entries)}
    return [(s.rank, names[s.entry.pk], s.votes, s.jury, s.result) for s in standings(contest)]


def test_vote_only_ranks_by_votes_and_shows_the_jury(contest, entries):
    contest = scored(contest, entries, "vote")
    # R = V: 60, 20, 20; E1 and E2 tie on 2 votes and share the 2nd place.
    assert table(contest, entries) == [
        (1, "E0", 6, Decimal("66.67"), Decimal("60.00")),
        (2, "E1", 2, Decimal("100.00"), Decimal("20.00")),
        (2, "E2", 2, Decimal("33.33"), Decimal("20.00")),
    ]


def test_jury_only_ranks_by_the_jury_score(contest, entries):
    contest = scored(contest, entries, "jury")
    # R = J: E1 100, E0 66.67, E2 33.33, whatever the votes.
    assert table(contest, entries) == [
        (1, "E1", 2, Decimal("100.00"), Decimal("100.00")),
        (2, "E0", 6, Decimal("66.67"), Decimal("66.67")),
        (3, "E2", 2, Decimal("33.33"), Decimal("33.33")),
    ]


def test_weighted_combines_both(contest, entries):
    contest = scored(contest, entries, "weighted", jury_weight=70)
    # R = (70·J + 30·V) / 100:
    #   E1: (70·100   + 30·20) / 100 = (7000   + 600)  / 100 = 76.00
    #   E0: (70·66.67 + 30·60) / 100 = (4666.9 + 1800) / 100 = 64.669 → 64.67
    #   E2: (70·33.33 + 30·20) / 100 = (2333.1 + 600)  / 100 = 29.331 → 29.33
    assert table(contest, entries) == [
        (1, "E1", 2, Decimal("100.00"), Decimal("76.00")),
        (2, "E0", 6, Decimal("66.67"), Decimal("64.67")),
        (3, "E2", 2, Decimal("33.33"), Decimal("29.33")),
    ]


def test_weighted_ties_share_a_rank():
    # w = 50: J 40, V 60 → (2000 + 3000)/100 = 50; J 60, V 40 → (3000 + 2000)/100 = 50.
    first = combine("weighted", 50, Decimal(40), Decimal(60))
    second = combine("weighted", 50, Decimal(60), Decimal(40))
    assert first == second == Decimal("50.00")
    # An entry nobody scored counts J = 0: w = 25, V = 80 → (0 + 75·80)/100 = 60.
    assert combine("weighted", 25, None, Decimal(80)) == Decimal("60.00")


def test_results_page_and_csv_show_both_parts_and_the_formula(client, contest, entries):
    contest = scored(contest, entries, "weighted", jury_weight=70)
    publish_results(contest, by=None, now=AFTER_JURY)
    page = client.get(f"{contest.url}results/").content.decode()
    assert "(70 × оценка жюри + 30 × доля голосов) / 100" in page
    assert "64,67" in page and "76,00" in page and "66,67" in page  # Russian decimal comma
    rows = client.get(f"{contest.url}results.csv").content.decode().splitlines()
    assert rows[0] == "rank,entry_id,entry,district,votes,share_percent,jury_score,result"
    assert rows[1].startswith(f"1,{entries[1].pk},") and rows[1].endswith(",2,20.0,100.00,76.00")
    assert rows[2].endswith(",6,60.0,66.67,64.67")


def test_the_published_checksum_covers_the_scores(client, contest, entries):
    contest = scored(contest, entries, "weighted", jury_weight=70)
    results = publish_results(contest, by=None, now=AFTER_JURY)
    download = client.get(f"{contest.url}scores.csv").content
    assert hashlib.sha256(download).hexdigest() == results.scores_sha256
    page = client.get(f"{contest.url}results/").content.decode()
    assert results.scores_sha256 in page and results.ballots_sha256 in page
    assert download.decode().splitlines()[1].startswith(f"1,{entries[0].pk},")  # juror 1, no name
    assert b"juror-anna" not in download
    ballots = ballots_checksum(contest)

    # One score changed after publication, straight in the database.
    score = JuryScore.objects.filter(entry=entries[2]).order_by("pk").first()
    JuryScore.objects.filter(pk=score.pk).update(score=score.score + 1)

    assert scores_checksum(contest) != results.scores_sha256
    download = client.get(f"{contest.url}scores.csv").content
    assert hashlib.sha256(download).hexdigest() != results.scores_sha256
    assert ballots_checksum(contest) == ballots == results.ballots_sha256  # ballots untouched


def test_a_contest_without_a_jury_keeps_the_ballot_checksum_alone(client, contest, entries):
    with time_machine.travel(NOW, tick=False):
        cast_vote(contest, entries[0], citizen("v"), "10.0.0.1")
    results = publish_results(contest, by=None, now=AFTER_JURY)
    assert results.scores_sha256 == "" and results.ballots_sha256 == ballots_checksum(contest)
    assert client.get(f"{contest.url}scores.csv").status_code == 404
    page = client.get(f"{contest.url}results/").content.decode()
    assert "оценка жюри" not in page.lower()
    assert reverse("contest_admin:jury_index")  # the desk exists; the contest is not on it
