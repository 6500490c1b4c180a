"""Query counts of the results with a jury and of the jury's desk do not grow with the number of
entries, jurors and scores."""

import datetime

import pytest
from django.urls import reverse

from contest.demo.seeding import bulk_add_entries, bulk_add_voters, bulk_add_votes
from contest.models import JuryScore
from contest.results import publish_results
from tests.contest.factories import NOW
from tests.contest.jury_factories import JURY_CLOSES, juror, with_jury
from tests.contest.test_query_counts import count_queries

pytestmark = pytest.mark.django_db
AFTER_JURY = JURY_CLOSES + datetime.timedelta(hours=1)
SMALL, LARGE = (6, 2), (60, 6)  # (entries, jurors)


def grow(contest, criteria, entries, jurors, prefix, phone):
    new_entries = bulk_add_entries(contest, entries, prefix=prefix)
    people = [juror(f"jury-{prefix}-{n}") for n in range(jurors)]
    JuryScore.objects.bulk_create(
        JuryScore(contest=contest, entry=e, juror=j, criterion=c, score=(e.pk + j.pk) % 6)
        for e in new_entries
        for j in people
        for c in criteria
    )
    bulk_add_votes(
        contest, bulk_add_voters(entries * 3, prefix=prefix, first_phone=phone), new_entries
    )
    return people


def measure(client, contest, person):
    urls = {
        "results": f"{contest.url}results/",
        "results.csv": f"{contest.url}results.csv",
        "scores.csv": f"{contest.url}scores.csv",
    }
    public = {name: count_queries(client, url) for name, url in urls.items()}
    client.force_login(person)
    entry = contest.accepted_entries().first()
    desk = {
        "index": count_queries(client, reverse("contest_admin:jury_index")),
        "contest": count_queries(client, reverse("contest_admin:jury_contest", args=[contest.pk])),
        "score": count_queries(client, reverse("contest_admin:jury_score", args=[entry.pk])),
    }
    client.logout()
    return public, desk


def test_results_and_desk_at_two_sizes(client, contest, time_machine):
    criteria = with_jury(
        contest, rule="weighted", jury_weight=60, criteria=[("А", 3, 10), ("Б", 2, 10), ("В", 1, 5)]
    )
    time_machine.move_to(NOW, tick=False)
    people = grow(contest, criteria, *SMALL, "small", 79300000000)
    time_machine.move_to(AFTER_JURY, tick=False)
    publish_results(contest, by=None)
    small = measure(client, contest, people[0])
    time_machine.move_to(NOW, tick=False)
    grow(contest, criteria, LARGE[0] - SMALL[0], LARGE[1] - SMALL[1], "large", 79400000000)
    time_machine.move_to(AFTER_JURY, tick=False)
    large = measure(client, contest, people[0])
    assert small == large
    assert max(large[0].values()) <= 22, large
    assert max(large[1].values()) <= 30, large
