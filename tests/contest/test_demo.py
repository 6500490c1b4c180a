"""The demo: a contest open for voting now with 12 accepted entries, a past one with published
results, a verified demo citizen; loading twice creates nothing new."""

import pytest

from accounts.verification import is_verified_citizen
from contest.combined import standings
from contest.demo import loader as demo
from contest.jury import scores_checksum
from contest.models import ConflictDeclaration, ContestPage, JuryScore, Vote
from home.models import StandardPage
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_demo_contest(frozen, home):
    StandardPageFactory(parent=home, slug="tos-contest", title="Лучший орган ТОС")
    notes = []
    index_page = demo.load_demo(home, notes.append)
    assert not StandardPage.objects.filter(slug="tos-contest").exists()
    assert index_page.url == "/tos-contest/"
    current = ContestPage.objects.get(slug="2026")
    past = ContestPage.objects.select_related("results").get(slug="2025")
    assert current.is_voting_open() and current.accepted_entries().count() == 12
    assert past.results_published and past.results.counted_votes == 240
    from django.contrib.auth import get_user_model

    citizen = get_user_model().objects.get(email=demo.CITIZEN_EMAIL)
    assert is_verified_citizen(citizen)
    assert not citizen.has_usable_password()  # ensure_demo_users sets and prints one
    assert not Vote.objects.filter(voter=citizen).exists()
    # The jury: the 2025 results combine jury scores (their checksum published) and the vote.
    assert past.result_rule == "weighted" and past.jury_criteria.count() == 3
    assert past.results.scores_sha256 == scores_checksum(past)
    # 8 entries × 3 jurors, less one conflict, × 3 criteria
    assert JuryScore.objects.filter(contest=past).count() == (8 * 3 - 1) * 3
    assert ConflictDeclaration.objects.filter(contest=past).count() == 1
    assert all(standing.jury is not None for standing in standings(past))
    assert current.is_jury_open() and not JuryScore.objects.filter(contest=current).exists()
    votes, scores = Vote.objects.count(), JuryScore.objects.count()
    notes.clear()
    demo.load_demo(home, notes.append)
    assert notes == [] and Vote.objects.count() == votes
    assert JuryScore.objects.count() == scores


def test_demo_contest_accepts_applications_with_two_drafts(frozen, home):
    from contest.models import ApplicationState, EntryApplication

    demo.load_demo(home, lambda text: None)
    upcoming = ContestPage.objects.get(slug="2027")
    assert upcoming.accepts_applications()
    drafts = EntryApplication.objects.filter(contest=upcoming, state=ApplicationState.DRAFT)
    assert drafts.count() == 2
    assert all(draft.tos.is_confirmed for draft in drafts.select_related("tos"))
    assert len({draft.tos.chair_id for draft in drafts}) == 2
