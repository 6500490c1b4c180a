"""Can this person vote now (`voting_refusal`), and the vote itself (`cast_vote`, which asks it).

The window is checked with the clock read inside the voting transaction, and one vote per person
is the database's unique constraint: of two simultaneous requests by the same person one inserts,
the other gets IntegrityError and the "already voted" answer, with nothing changed. A vote asks
the database nothing it already knows: the contest and the entry come from the request (routed
and read once), the previous vote is the constraint's business, and the receipt e-mail is
rendered by a worker (contest.mail). Its transaction is three inserts: the vote, the audit row
and the receipt task.

One vote per phone too: a vote keeps a keyed hash of the verified phone (`phone_key`), so a person
who deletes the account and signs up again with the same phone cannot vote twice in a contest;
a second unique constraint refuses it as the first refuses a second vote by one account.
"""

import hashlib
import hmac
import ipaddress
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.verification import citizen_phone
from contest.mail import queue_receipt
from contest.models import AuditAction, AuditEvent, EntryPage, Vote
from portal.params import BadParameterError, parse_id
from portal.ratelimit import allow

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud without doubt
PHONE_PREFIX_LENGTH = 8  # "+7918123": country, operator code and the next digits


class VotingError(Exception):
    """The vote was not taken; `message` is the Russian reason, `status` the HTTP answer."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


class AlreadyVotedError(VotingError):
    def __init__(self):
        super().__init__(_("You have already voted in this contest."), status=409)


class PhoneAlreadyVotedError(VotingError):
    def __init__(self):
        super().__init__(
            _("A vote from this phone number is already counted in this contest."), status=409
        )


def phone_key(phone):
    """A keyed hash (HMAC with the secret key) of a phone number: it matches the same number again
    and cannot be read back."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"contest-vote-phone:{phone}".encode(), hashlib.sha256).hexdigest()


def new_receipt_code():
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def normalise_receipt_code(text):
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    if len(raw) != 12 or any(ch not in RECEIPT_ALPHABET for ch in raw):
        return None
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def network_of(ip):
    """The /24 (IPv4) or /48 (IPv6) network of an address, for the anomaly report."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def voting_refusal(contest, entry, user, *, now=None):
    """Why `user` may not vote for `entry` in `contest` at `now` (default: this moment), or None."""
    phone = citizen_phone(user)
    refusal = _refusal(contest, entry, user, phone, now or timezone.now())
    if refusal is None:
        return _previous_vote_refusal(contest, user, phone)
    return refusal


def _previous_vote_refusal(contest, user, phone):
    """AlreadyVotedError when the account voted in `contest`, PhoneAlreadyVotedError when its
    phone did (from an account since deleted), else None."""
    key = phone_key(phone.phone)
    voters = Vote.objects.filter(contest=contest).filter(Q(voter=user) | Q(phone_key=key))
    voter_ids = list(voters.values_list("voter_id", flat=True)[:1])
    if not voter_ids:
        return None
    return AlreadyVotedError() if voter_ids[0] == user.pk else PhoneAlreadyVotedError()


def _refusal(contest, entry, user, phone, moment):
    """`voting_refusal` but for a previous vote, with the citizen's verified phone
    (accounts.verification.citizen_phone) already looked up: None when the user is no verified
    citizen. Asks the database nothing."""
    if not user.is_authenticated:
        return VotingError(_("Sign in to vote."), status=403)
    if phone is None:
        return VotingError(
            _("Only verified citizens vote: confirm your e-mail address and your phone first."),
            status=403,
        )
    if entry is None or not _is_child(entry, contest) or not entry.live:
        return VotingError(_("There is no such entry in this contest."), status=400)
    if not entry.is_accepted:
        return VotingError(_("This entry is not accepted for voting."), status=400)
    if moment < contest.voting_opens_at:
        return VotingError(_("Voting has not opened yet."), status=403)
    if moment >= contest.voting_closes_at:
        return VotingError(_("Voting is closed."), status=403)
    return None


def _is_child(page, parent):
    """Whether `page` sits right under `parent`, from their tree paths (no query)."""
    return page.depth == parent.depth + 1 and page.path.startswith(parent.path)


def cast_vote(contest, entry, user, ip, *, now=None):
    """Record `user`'s vote for `entry` in `contest` and return it, or raise VotingError.

    `contest` and `entry` are as the request read them (contest.views.public). Every attempt by a
    signed-in person counts against the rate limits, refused ones included.
    """
    if not user.is_authenticated:
        raise voting_refusal(contest, entry, user)
    if not allow("vote_account", user.pk) or not allow("vote_ip", ip or "unknown"):
        raise VotingError(_("Too many attempts. Please try again later."), status=429)
    phone = citizen_phone(user)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                return _record_vote(contest, entry, user, ip, phone, now)
        except IntegrityError:
            refusal = _previous_vote_refusal(contest, user, phone)
            if refusal is not None:
                raise refusal from None
            # Otherwise a receipt code collided (one in 32**12): draw another.
    raise VotingError(_("The vote could not be recorded. Please try again."), status=409)


def _record_vote(contest, entry, user, ip, phone, now):
    """The vote, its audit row and its receipt task, in the caller's transaction. A second vote
    by the same person fails the insert (IntegrityError): the refusal comes from the constraint,
    so racing requests get it too."""
    moment = now or timezone.now()  # read inside the transaction, right before the insert
    refusal = _refusal(contest, entry, user, phone, moment)
    if refusal is not None:
        raise refusal
    vote = Vote.objects.create(
        contest=contest,
        entry=entry,
        voter=user,
        receipt_code=new_receipt_code(),
        cast_at=moment,
        network=network_of(ip),
        phone_prefix=str(phone.phone)[:PHONE_PREFIX_LENGTH],
        phone_key=phone_key(phone.phone),
    )
    # No actor: the vote row names the voter until it is anonymised (contest.retention).
    AuditEvent.record(contest, AuditAction.VOTE, vote=vote, at=moment, entry=entry.pk)
    if user.email:
        queue_receipt(vote, user.email)
    return vote


def vote_of(contest, user):
    """The user's vote in the contest (counted or annulled), or None."""
    if not user.is_authenticated:
        return None
    return Vote.objects.filter(contest=contest, voter=user).select_related("entry").first()


def entry_for(contest, entry_id):
    """The live entry of `contest` with that id, or None for anything else (bad ids included)."""
    try:
        entry_id = parse_id(entry_id)
    except BadParameterError:
        return None
    if entry_id is None:
        return None
    return (
        EntryPage.objects.live()
        .child_of(contest)
        .select_related("acceptance")
        .filter(pk=entry_id)
        .first()
    )
