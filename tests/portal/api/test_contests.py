"""/api/v1/contests/: the contests the section lists, each with its entries and, once published,
its results, with vote counts only where the pages show them and nothing of the voters."""

import datetime

import pytest
import time_machine
from wagtail.models import PageViewRestriction

from contest.models import ContestPage, Vote
from contest.results import publish_results
from contest.voting import cast_vote
from tests.contest.factories import (
    CLOSES,
    NOW,
    ContestIndexPageFactory,
    ContestPageFactory,
    EntryPageFactory,
    accepted_entry,
    citizen,
)

pytestmark = pytest.mark.django_db

AFTER = CLOSES + datetime.timedelta(hours=1)
CONTEST_KEYS = {
    "id",
    "url",
    "title",
    "intro",
    "nominations",
    "applications_open_on",
    "applications_close_on",
    "voting_opens_at",
    "voting_closes_at",
    "results_on",
    "counts_hidden_while_voting",
    "stage",
    "results_published_at",
    "last_published_at",
}
ENTRY_KEYS = {
    "id",
    "url",
    "title",
    "district",
    "nomination",
    "chair",
    "territory",
    "intro",
    "accepted",
    "votes",
}


@pytest.fixture
def contest_index(home):
    return ContestIndexPageFactory(parent=home)


@pytest.fixture
def contest(contest_index):
    return ContestPageFactory(parent=contest_index, slug="2026", title="Конкурс 2026")


@pytest.fixture
def voted(contest):
    """Accepted entries with 3, 2 and 0 votes (one more annulled), and one under review."""
    entries = [accepted_entry(contest, title=f"ТОС «Участник {n}»") for n in range(3)]
    EntryPageFactory(parent=contest, title="ТОС «На рассмотрении»")
    with time_machine.travel(NOW, tick=False):
        for number, entry in enumerate([0, 0, 0, 1, 1, 2]):
            cast_vote(contest, entries[entry], citizen(f"voter{number}"), f"10.0.{number}.1")
        Vote.objects.get(voter__username="voter5").annul(by=None, reason="Дубликат")
    return contest


def get(client, url, when=NOW, **headers):
    with time_machine.travel(when, tick=False):
        return client.get(url, **headers)


def test_the_list_is_the_sections_list_of_contests(client, contest_index, settings):
    settings.PORTAL_PAGE_SIZE = 2
    for year in range(2021, 2026):
        ContestPageFactory(
            parent=contest_index,
            voting_opens_at=datetime.datetime(year, 11, 1, tzinfo=datetime.UTC),
            voting_closes_at=datetime.datetime(year, 12, 1, tzinfo=datetime.UTC),
        )
    for query in ("", "?page=2", "?page=3"):
        page, api = get(client, f"/tos-contest/{query}"), get(client, f"/api/v1/contests/{query}")
        assert page.status_code == api.status_code == 200
        data, html = api.json(), page.context["contests_page"]
        assert data["count"] == html.paginator.count
        assert [row["id"] for row in data["results"]] == [c.pk for c in html.object_list]
        assert all(set(row) == CONTEST_KEYS for row in data["results"])


def test_hidden_counts_stay_hidden_until_the_results(client, voted):
    data = get(client, f"/api/v1/contests/{voted.pk}/").json()
    assert data["stage"] == {"value": "voting", "label": "Идёт голосование"}
    assert data["results"] is None and data["results_published_at"] is None
    assert all(set(entry) == ENTRY_KEYS for entry in data["entries"])
    assert [entry["votes"] for entry in data["entries"]] == [None] * 4
    page = get(client, voted.url)
    assert not page.context["show_counts"]


def test_shown_counts_are_the_contest_pages(client, voted):
    ContestPage.objects.filter(pk=voted.pk).update(counts_hidden_while_voting=False)
    data = get(client, f"/api/v1/contests/{voted.pk}/").json()
    page = get(client, voted.url)
    assert page.context["show_counts"]
    html = {
        entry.pk: votes if entry.is_accepted else None for entry, votes in page.context["entries"]
    }
    assert {entry["id"]: entry["votes"] for entry in data["entries"]} == html
    assert sorted(v for v in html.values() if v is not None) == [0, 2, 3]


def test_published_results_are_the_results_page(client, voted, admin_user):
    with time_machine.travel(AFTER, tick=False):
        publish_results(voted, by=admin_user)
    data = get(client, f"/api/v1/contests/{voted.pk}/", AFTER).json()
    page = get(client, f"{voted.url}results/", AFTER)
    results = data["results"]
    assert results["counted_votes"] == 5 and results["annulled_votes"] == 1
    assert [(s["rank"], s["entry"], s["votes"], s["share"]) for s in results["standings"]] == [
        (s.rank, s.entry.pk, s.votes, s.share) for s in page.context["standings"]
    ]
    assert results["ballots_sha256"] == page.context["results"].ballots_sha256
    assert results["ballots_csv"] == f"http://testserver{voted.url}ballots.csv"
    assert data["stage"]["value"] == "results"


def test_nothing_of_the_voters_is_ever_served(client, voted, admin_user):
    receipts = list(Vote.objects.values_list("receipt_code", flat=True))
    with time_machine.travel(AFTER, tick=False):
        publish_results(voted, by=admin_user)
    for when in (NOW, AFTER):
        for url in ("/api/v1/contests/", f"/api/v1/contests/{voted.pk}/"):
            text = get(client, url, when).content.decode()
            for private in ("voter", "receipt", "network", "phone", "Дубликат", *receipts):
                assert private not in text, (url, private)


def test_unpublished_and_private_contests_are_neither_listed_nor_served(client, contest_index):
    shown = ContestPageFactory(parent=contest_index)
    draft = ContestPageFactory(parent=contest_index, live=False)
    private = ContestPageFactory(parent=contest_index)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    hidden_entry = EntryPageFactory(parent=shown, title="ТОС «Черновик»", live=False)
    assert [row["id"] for row in get(client, "/api/v1/contests/").json()["results"]] == [shown.pk]
    for contest in (draft, private):
        assert get(client, f"/api/v1/contests/{contest.pk}/").status_code == 404
    assert hidden_entry.title not in get(client, f"/api/v1/contests/{shown.pk}/").content.decode()


def test_counts_that_change_with_every_vote_carry_no_last_modified(client, voted):
    hidden = get(client, f"/api/v1/contests/{voted.pk}/")
    assert hidden["Last-Modified"]
    again = get(
        client, f"/api/v1/contests/{voted.pk}/", HTTP_IF_MODIFIED_SINCE=hidden["Last-Modified"]
    )
    assert again.status_code == 304
    ContestPage.objects.filter(pk=voted.pk).update(counts_hidden_while_voting=False)
    assert not get(client, f"/api/v1/contests/{voted.pk}/").has_header("Last-Modified")


def test_an_unknown_contest_is_404_and_a_bad_page_400(client, contest):
    assert get(client, "/api/v1/contests/999999/").status_code == 404
    response = get(client, "/api/v1/contests/?page=x")
    assert response.status_code == 400
    assert response.json() == {"errors": ["Укажите номер страницы или уберите ?page= из адреса."]}
