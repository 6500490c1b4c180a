"""Who may vote, when, and how often: contest.voting.cast_vote is the one rule."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from contest.models import AuditAction, AuditEvent, Vote
from contest.voting import (
    AlreadyVotedError,
    PhoneAlreadyVotedError,
    VotingError,
    cast_vote,
    normalise_receipt_code,
    voting_refusal,
)
from tests.contest.factories import CLOSES, OPENS, EntryPageFactory, citizen, make_user

pytestmark = pytest.mark.django_db
ONE_MICROSECOND = datetime.timedelta(microseconds=1)


def test_verified_citizen_votes_once_and_gets_a_receipt(frozen, contest, entries, voter):
    vote = cast_vote(contest, entries[0], voter, "95.24.1.17")
    assert vote.entry == entries[0]
    assert normalise_receipt_code(vote.receipt_code) == vote.receipt_code
    assert vote.network == "95.24.1.0/24"
    assert vote.phone_prefix.startswith("+7918")
    assert AuditEvent.objects.filter(action=AuditAction.VOTE, vote=vote).count() == 1


def test_second_vote_by_same_person_is_rejected_and_changes_nothing(
    frozen, contest, entries, voter
):
    first = cast_vote(contest, entries[0], voter, "95.24.1.17")
    with pytest.raises(AlreadyVotedError) as refusal:
        cast_vote(contest, entries[1], voter, "95.24.1.17")
    assert "уже проголосовали" in refusal.value.message
    assert list(Vote.objects.values_list("pk", "entry")) == [(first.pk, entries[0].pk)]
    assert AuditEvent.objects.filter(action=AuditAction.VOTE).count() == 1


def test_database_refuses_a_second_vote_even_without_the_check(contest, entries, voter):
    from django.db import IntegrityError, transaction

    Vote.objects.create(contest=contest, entry=entries[0], voter=voter, receipt_code="A")
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(contest=contest, entry=entries[1], voter=voter, receipt_code="B")


@pytest.mark.parametrize(
    ("moment", "allowed"),
    [
        (OPENS - ONE_MICROSECOND, False),
        (OPENS, True),
        (CLOSES - ONE_MICROSECOND, True),
        (CLOSES, False),
        (CLOSES + datetime.timedelta(days=1), False),
    ],
)
def test_voting_window_boundaries(contest, entries, voter, moment, allowed):
    with time_machine.travel(moment, tick=False):
        if allowed:
            assert cast_vote(contest, entries[0], voter, "10.0.0.1").cast_at == moment
        else:
            with pytest.raises(VotingError) as refusal:
                cast_vote(contest, entries[0], voter, "10.0.0.1")
            assert refusal.value.status == 403
            assert not Vote.objects.exists()


@pytest.mark.parametrize(
    ("email_verified", "phone_verified"), [(False, False), (True, False), (False, True)]
)
def test_unverified_users_are_refused(frozen, contest, entries, email_verified, phone_verified):
    user = make_user("half", email_verified=email_verified, phone_verified=phone_verified)
    with pytest.raises(VotingError) as refusal:
        cast_vote(contest, entries[0], user, "10.0.0.1")
    assert refusal.value.status == 403
    assert "подтвердите" in refusal.value.message
    assert not Vote.objects.exists()


def test_anonymous_is_refused(frozen, contest, entries):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(VotingError):
        cast_vote(contest, entries[0], AnonymousUser(), "10.0.0.1")


def test_entry_not_accepted_cannot_be_voted_for(frozen, contest, voter):
    entry = EntryPageFactory(parent=contest)
    with pytest.raises(VotingError) as refusal:
        cast_vote(contest, entry, voter, "10.0.0.1")
    assert "не допущен" in refusal.value.message


def test_entry_of_another_contest_cannot_be_voted_for(frozen, contest, contest_index, voter):
    from tests.contest.factories import ContestPageFactory, accepted_entry

    other = ContestPageFactory(parent=contest_index)
    entry = accepted_entry(other)
    with pytest.raises(VotingError):
        cast_vote(contest, entry, voter, "10.0.0.1")


def test_same_person_votes_in_two_contests(frozen, contest, contest_index, entries, voter):
    from tests.contest.factories import ContestPageFactory, accepted_entry

    other = ContestPageFactory(parent=contest_index)
    cast_vote(contest, entries[0], voter, "10.0.0.1")
    cast_vote(other, accepted_entry(other), voter, "10.0.0.1")
    assert Vote.objects.filter(voter=voter).count() == 2


def test_rate_limit_per_ip(frozen, contest, entries, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "vote_ip": (2, 3600)}
    voters = [make_user(f"v{n}", email_verified=True, phone_verified=True) for n in range(3)]
    cast_vote(contest, entries[0], voters[0], "10.0.0.1")
    cast_vote(contest, entries[0], voters[1], "10.0.0.1")
    with pytest.raises(VotingError) as refusal:
        cast_vote(contest, entries[0], voters[2], "10.0.0.1")
    assert refusal.value.status == 429
    cast_vote(contest, entries[0], voters[2], "10.0.0.2")


def test_rate_limit_per_account(frozen, contest, entries, voter, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "vote_account": (2, 3600)}
    cast_vote(contest, entries[0], voter, "10.0.0.1")
    with pytest.raises(AlreadyVotedError):
        cast_vote(contest, entries[0], voter, "10.0.0.2")
    with pytest.raises(VotingError) as refusal:
        cast_vote(contest, entries[0], voter, "10.0.0.3")
    assert refusal.value.status == 429


class TestAnnulment:
    def test_annulled_vote_stays_out_of_tally_and_voter_cannot_vote_again(
        self, frozen, contest, entries, voter, admin_user
    ):
        from contest.results import tally

        vote = cast_vote(contest, entries[0], voter, "10.0.0.1")
        vote.annul(by=admin_user, reason="Подставная учётная запись")
        vote.refresh_from_db()
        assert vote.is_annulled and vote.annulled_by == admin_user
        assert {s.entry.pk: s.votes for s in tally(contest)}[entries[0].pk] == 0
        with pytest.raises(AlreadyVotedError):
            cast_vote(contest, entries[1], voter, "10.0.0.1")
        event = AuditEvent.objects.get(action=AuditAction.ANNUL)
        assert event.vote == vote and event.details["reason"] == "Подставная учётная запись"

    @pytest.mark.parametrize("reason", ["", "   ", None])
    def test_reason_is_mandatory(self, frozen, contest, entries, voter, admin_user, reason):
        vote = cast_vote(contest, entries[0], voter, "10.0.0.1")
        with pytest.raises(ValidationError):
            vote.annul(by=admin_user, reason=reason)
        vote.refresh_from_db()
        assert not vote.is_annulled

    def test_database_refuses_annulment_without_reason(self, contest, entries, voter):
        from django.db import IntegrityError, transaction

        with pytest.raises(IntegrityError), transaction.atomic():
            Vote.objects.create(
                contest=contest,
                entry=entries[0],
                voter=voter,
                receipt_code="X",
                annulled_at=OPENS,
            )

    def test_cannot_annul_twice(self, frozen, contest, entries, voter, admin_user):
        vote = cast_vote(contest, entries[0], voter, "10.0.0.1")
        vote.annul(by=admin_user, reason="Бот")
        with pytest.raises(ValidationError):
            Vote.objects.get(pk=vote.pk).annul(by=admin_user, reason="Ещё раз")


def test_voter_gets_the_receipt_by_email_after_commit(
    frozen, contest, entries, voter, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        vote = cast_vote(contest, entries[0], voter, "10.0.0.1")
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [voter.email]
    assert vote.receipt_code in message.body and f"check/?code={vote.receipt_code}" in message.body


def test_refused_vote_sends_no_email(
    frozen, contest, entries, voter, mailoutbox, django_capture_on_commit_callbacks
):
    cast_vote(contest, entries[0], voter, "10.0.0.1")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(AlreadyVotedError):
        cast_vote(contest, entries[1], voter, "10.0.0.1")
    assert mailoutbox == []


def test_a_second_vote_from_the_same_phone_is_refused_even_from_another_account(
    frozen, contest, entries, voter
):
    """The account that voted is gone (deleted, its vote anonymised); the phone still voted."""
    cast_vote(contest, entries[0], voter, "10.0.0.1")
    Vote.objects.filter(voter=voter).update(voter=None)
    phone = voter.phone_verification.phone
    voter.delete()
    newcomer = citizen("newcomer")
    newcomer.phone_verification.phone = phone
    newcomer.phone_verification.save()
    with pytest.raises(PhoneAlreadyVotedError):
        cast_vote(contest, entries[1], newcomer, "10.0.0.2")
    assert voting_refusal(contest, entries[1], newcomer).status == 409
    assert Vote.objects.count() == 1
