"""Query counts of the contest pages do not grow with the number of entries or votes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from contest.demo.seeding import bulk_add_entries, bulk_add_voters, bulk_add_votes
from contest.models import EntryPage, EntryPhoto, Vote
from contest.results import publish_results
from tests.contest.factories import CLOSES, NOW
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db
SMALL, LARGE = (12, 50), (240, 3_000)  # (entries, votes)
# What an anonymous visitor's entry page may cost, the layout's own queries included.
PUBLIC_PAGE_CEILING = 15


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def grow(contest, entries, votes, prefix, phone):
    new_entries = bulk_add_entries(contest, entries, prefix=prefix)
    voters = bulk_add_voters(votes, prefix=prefix, first_phone=phone)
    bulk_add_votes(contest, voters, new_entries)


def measure(client, contest):
    code = Vote.objects.filter(contest=contest).values_list("receipt_code", flat=True)[0]
    urls = {
        "index": contest.get_parent().url,
        "contest": contest.url,
        "contest page 2": f"{contest.url}?page=2",
        "check": f"{contest.url}check/?code={code}",
        "results": f"{contest.url}results/",
        "entry": contest.accepted_entries().first().url,
    }
    return {name: count_queries(client, url) for name, url in urls.items()}


def test_public_pages_while_voting_at_two_sizes(frozen, client, contest, voter):
    grow(contest, *SMALL, "small", 79300000000)
    client.force_login(voter)
    small = measure(client, contest)
    grow(contest, LARGE[0] - SMALL[0], LARGE[1] - SMALL[1], "large", 79400000000)
    large = measure(client, contest)
    assert small == large
    # About 14 are the layout's own (session, user, site settings, menu) with a signed-in user.
    assert max(large.values()) <= 22, large


def test_results_pages_after_publication_at_two_sizes(client, contest, admin_user, time_machine):
    time_machine.move_to(NOW, tick=False)
    grow(contest, *SMALL, "small", 79300000000)
    time_machine.move_to(CLOSES, tick=False)
    publish_results(contest, by=admin_user)
    small = measure(client, contest)
    time_machine.move_to(NOW, tick=False)
    grow(contest, LARGE[0] - SMALL[0], LARGE[1] - SMALL[1], "large", 79400000000)
    time_machine.move_to(CLOSES, tick=False)
    large = measure(client, contest)
    # The ranking lists every entry (no pagination): one annotated query, whatever the size.
    assert small == large
    # About 14 are the layout's own (session, user, site settings, menu) with a signed-in user.
    assert max(large.values()) <= 22, large


def test_admin_desk_queries_bounded(
    frozen, client, contest, admin_user, django_assert_max_num_queries
):
    grow(contest, *SMALL, "small", 79300000000)
    client.force_login(admin_user)
    from django.urls import reverse

    views = ["contest_admin:votes", "contest_admin:anomalies", "contest_admin:audit"]
    small = {}
    for view in [*views, "contest_admin:index"]:
        url = reverse(view, args=[] if view.endswith("index") else [contest.pk])
        small[view] = count_queries(client, url)
    grow(contest, LARGE[0] - SMALL[0], LARGE[1] - SMALL[1], "large", 79400000000)
    for view, queries in small.items():
        url = reverse(view, args=[] if view.endswith("index") else [contest.pk])
        with django_assert_max_num_queries(queries):
            client.get(url)


def add_photos(entry, count):
    for number in range(count):
        EntryPhoto.objects.create(
            entry=entry, image=ImageFactory(), alt_text=f"Фото {number}", sort_order=number
        )


@pytest.mark.parametrize("results_published", [False, True], ids=["voting", "results"])
def test_entry_page_for_a_visitor_at_3_and_30_entries(
    client, contest, admin_user, time_machine, django_assert_max_num_queries, results_published
):
    time_machine.move_to(NOW, tick=False)
    entries = bulk_add_entries(contest, 3, prefix="small")
    bulk_add_votes(contest, bulk_add_voters(10, prefix="small"), entries)
    entry = EntryPage.objects.get(pk=entries[0].pk)
    add_photos(entry, 2)
    if results_published:
        time_machine.move_to(CLOSES, tick=False)
        publish_results(contest, by=admin_user)
    small = count_queries(client, entry.url)
    bulk_add_entries(contest, 27, prefix="large")
    with django_assert_max_num_queries(PUBLIC_PAGE_CEILING):
        assert client.get(entry.url).status_code == 200
    assert count_queries(client, entry.url) == small


def test_entry_under_review_costs_what_an_accepted_one_does(frozen, client, contest):
    accepted = bulk_add_entries(contest, 3, prefix="accepted")[0]
    under_review = bulk_add_entries(contest, 3, prefix="review", accepted=False)[0]
    accepted_url = EntryPage.objects.get(pk=accepted.pk).url
    under_review_url = EntryPage.objects.get(pk=under_review.pk).url
    assert count_queries(client, under_review_url) == count_queries(client, accepted_url)
