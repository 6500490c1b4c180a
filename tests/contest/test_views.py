"""The public side: contest and entry pages, voting over HTTP, receipts, checks, results, exports,
and vote counts that stay hidden everywhere while the contest hides them."""

import datetime
import re

import pytest
import time_machine

from contest.models import Vote
from contest.results import publish_results
from contest.voting import cast_vote
from tests.contest.factories import CLOSES, NOW, citizen, make_user

pytestmark = pytest.mark.django_db
AFTER = CLOSES + datetime.timedelta(hours=1)


def vote_url(contest):
    return f"{contest.url}vote/"


class TestVotingOverHttp:
    def test_vote_goes_to_receipt_and_second_attempt_is_refused(
        self, frozen, client, contest, entries, voter
    ):
        client.force_login(voter)
        confirm = client.get(vote_url(contest), {"entry": entries[0].pk})
        assert confirm.status_code == 200
        assert "нельзя изменить" in confirm.content.decode()
        response = client.post(vote_url(contest), {"entry": entries[0].pk})
        vote = Vote.objects.get()
        assert response.status_code == 302
        assert response["Location"].endswith(f"receipt/{vote.receipt_code}/")
        receipt = client.get(response["Location"])
        assert vote.receipt_code in receipt.content.decode()
        again = client.post(vote_url(contest), {"entry": entries[1].pk})
        assert again.status_code == 409
        assert "Вы уже проголосовали в этом конкурсе." in again.content.decode()
        assert Vote.objects.count() == 1

    def test_anonymous_is_sent_to_sign_in(self, frozen, client, contest, entries):
        response = client.post(vote_url(contest), {"entry": entries[0].pk})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert not Vote.objects.exists()

    def test_unverified_user_gets_the_reason_and_a_way_to_verify(
        self, frozen, client, contest, entries
    ):
        client.force_login(make_user("plain", email_verified=True))
        response = client.post(vote_url(contest), {"entry": entries[0].pk})
        assert response.status_code == 403
        assert "подтвердите" in response.content.decode()
        assert not Vote.objects.exists()

    @pytest.mark.parametrize("entry", ["", "abc", "999999", "-1", "1e9", "<script>"])
    def test_bad_entry_is_a_400_not_a_500(self, frozen, client, contest, entries, voter, entry):
        client.force_login(voter)
        assert client.post(vote_url(contest), {"entry": entry}).status_code == 400
        assert client.get(vote_url(contest), {"entry": entry}).status_code == 400

    def test_voting_after_close_is_refused(self, client, contest, entries, voter):
        with time_machine.travel(CLOSES, tick=False):
            client.force_login(voter)
            response = client.post(vote_url(contest), {"entry": entries[0].pk})
        assert response.status_code == 403
        assert "Голосование завершено." in response.content.decode()

    def test_receipt_page_of_someone_else_redirects_to_public_check(
        self, frozen, client, contest, entries, voter
    ):
        vote = cast_vote(contest, entries[0], voter, "10.0.0.1")
        client.force_login(citizen("other"))
        response = client.get(f"{contest.url}receipt/{vote.receipt_code}/")
        assert response.status_code == 302 and "check/?code=" in response["Location"]


class TestReceiptCheck:
    def test_counted_vote(self, frozen, client, contest, entries, voter):
        vote = cast_vote(contest, entries[0], voter, "10.0.0.1")
        response = client.get(f"{contest.url}check/", {"code": vote.receipt_code.lower()})
        assert response.status_code == 200
        assert "Голос с этим кодом учтён." in response.content.decode()

    def test_annulled_vote(self, frozen, client, contest, entries, voter, admin_user):
        vote = cast_vote(contest, entries[0], voter, "10.0.0.1")
        vote.annul(by=admin_user, reason="Бот")
        response = client.get(f"{contest.url}check/", {"code": vote.receipt_code})
        assert "аннулирован" in response.content.decode()

    @pytest.mark.parametrize(
        ("code", "status"), [("ABCD-EFGH-JKLM", 404), ("nonsense", 400), ("x" * 500, 400)]
    )
    def test_unknown_and_malformed_codes(self, client, contest, code, status):
        assert client.get(f"{contest.url}check/", {"code": code}).status_code == status


@pytest.fixture
def voted(contest, entries):
    with time_machine.travel(NOW, tick=False):
        for number in range(7):
            cast_vote(contest, entries[0], citizen(f"c{number}"), f"10.0.{number}.1")
    return contest


HIDDEN_MARKERS = [re.compile(r"\b7 голос"), re.compile(r"entry-votes")]


def page_sources(client, contest, entry):
    urls = [
        contest.get_parent().url,
        contest.url,
        entry.url,
        f"{contest.url}results/",
        "/search/?q=Участник",
        f"{contest.url}check/?code=ABCD-EFGH-JKLM",
    ]
    return {url: client.get(url).content.decode() for url in urls}


class TestHiddenCounts:
    def test_counts_do_not_leak_while_voting(self, frozen, client, voted, entries, voter):
        client.force_login(voter)
        for url, source in page_sources(client, voted, entries[0]).items():
            for marker in HIDDEN_MARKERS:
                assert not marker.search(source), url
        assert client.get(f"{voted.url}results.csv").status_code == 404
        assert client.get(f"{voted.url}ballots.csv").status_code == 404

    def test_counts_stay_hidden_after_close_until_publication(self, client, voted, entries):
        with time_machine.travel(AFTER, tick=False):
            for url, source in page_sources(client, voted, entries[0]).items():
                assert "entry-votes" not in source, url
            assert client.get(f"{voted.url}results.csv").status_code == 404

    def test_counts_shown_after_publication(self, client, voted, entries, admin_user):
        with time_machine.travel(AFTER, tick=False):
            publish_results(voted, by=admin_user)
            assert "7 голосов" in client.get(voted.url).content.decode()
            assert "entry-votes" in client.get(entries[0].url).content.decode()

    def test_contest_that_does_not_hide_counts_shows_them_live(
        self, frozen, client, voted, entries
    ):
        type(voted).objects.filter(pk=voted.pk).update(counts_hidden_while_voting=False)
        assert "7 голосов" in client.get(voted.url).content.decode()


class TestResults:
    def test_results_page_chart_and_exports_after_publication(
        self, client, voted, entries, admin_user
    ):
        with time_machine.travel(AFTER, tick=False):
            results = publish_results(voted, by=admin_user)
            page = client.get(f"{voted.url}results/").content.decode()
            # The chart's names and numbers are text (readable on a phone), the bars drawings.
            assert '<li class="bar-chart__row">' in page and 'class="bar-chart__bar"' in page
            assert '<span class="bar-chart__value">' in page
            assert results.ballots_sha256 in page
            results_csv = client.get(f"{voted.url}results.csv")
            ballots = client.get(f"{voted.url}ballots.csv")
        import hashlib

        assert results_csv.status_code == 200
        assert results_csv.content.decode().splitlines()[1].startswith(f"1,{entries[0].pk},")
        assert hashlib.sha256(ballots.content).hexdigest() == results.ballots_sha256

    def test_results_page_before_publication_says_when(self, frozen, client, voted):
        response = client.get(f"{voted.url}results/")
        assert response.status_code == 200
        assert "ещё не опубликованы" in response.content.decode()


def test_contest_index_lists_contests(client, contest):
    response = client.get(contest.get_parent().url)
    assert contest.title in response.content.decode()


@pytest.mark.parametrize("entry", ["999999999999999999999999", "-1", "²", "1\x00"])
def test_vote_for_an_impossible_entry_id_is_refused_with_a_message(
    frozen, client, contest, entries, voter, entry
):
    client.force_login(voter)
    for response in (
        client.get(vote_url(contest), {"entry": entry}),
        client.post(vote_url(contest), {"entry": entry}),
    ):
        assert response.status_code == 400
        assert "В этом конкурсе нет такого участника" in response.content.decode()
    assert not Vote.objects.exists()
