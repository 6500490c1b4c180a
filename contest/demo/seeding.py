"""Bulk creation of entries, verified voters and votes, for query-count tests and benchmarks.

Rows are written with bulk_create; entries are live pages through
portal.demo.seeding.bulk_add_pages. This is load, not content: no revisions, no search index
entries, no audit records for votes.
"""

import datetime
import itertools

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import PhoneVerification
from contest.models import ContestPage, EntryAcceptance, EntryPage, Vote
from contest.voting import new_receipt_code
from portal.demo.seeding import bulk_add_pages

BATCH_SIZE = 1000
DISTRICTS = ["central", "khostinsky", "adlersky", "lazarevsky"]


def add_open_contest(index_page, *, title, slug):
    """A contest under `index_page` whose voting opened an hour ago and runs for a day."""
    now = timezone.now()
    return index_page.add_child(
        instance=ContestPage(
            title=title,
            slug=slug,
            applications_open_on=(now - datetime.timedelta(days=60)).date(),
            applications_close_on=(now - datetime.timedelta(days=30)).date(),
            voting_opens_at=now - datetime.timedelta(hours=1),
            voting_closes_at=now + datetime.timedelta(days=1),
            results_on=(now + datetime.timedelta(days=5)).date(),
        )
    )


def signed_in_session(user):
    """The key of a new session in which `user` has signed in with a password, written straight
    to the session store: signing in over HTTP would spend a load test on password hashing."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store.update(
        {
            SESSION_KEY: str(user.pk),
            # The backend a password sign-in records (the first in the list only refuses
            # locked-out accounts).
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
    )
    store.create()
    return store.session_key


@transaction.atomic
def bulk_add_entries(contest, count, *, prefix="load", accepted=True):
    rows = [
        {
            "title": f"ТОС «{prefix} {number}»",
            "slug": f"{prefix}-entry-{number}",
            "district": DISTRICTS[number % len(DISTRICTS)],
            "chair": f"Председатель {number}",
            "territory": f"Улица {number}",
            "intro": "",
            "nomination": "",
        }
        for number in range(count)
    ]
    entries = bulk_add_pages(contest, EntryPage, rows)
    if accepted:
        now = timezone.now()
        EntryAcceptance.objects.bulk_create(
            [EntryAcceptance(entry_id=entry.pk, accepted_at=now) for entry in entries],
            batch_size=BATCH_SIZE,
        )
    return entries


@transaction.atomic
def bulk_add_voters(count, *, prefix="voter", password=None, first_phone=79000000000):
    """Verified citizens (confirmed e-mail, verified phone); with `password` they can sign in."""
    user_model = get_user_model()
    hashed = make_password(password) if password else "!"
    users = [
        user_model(
            username=f"{prefix}-{number}", email=f"{prefix}-{number}@example.org", password=hashed
        )
        for number in range(count)
    ]
    user_model.objects.bulk_create(users, batch_size=BATCH_SIZE)
    users = list(
        user_model.objects.filter(username__startswith=f"{prefix}-").order_by("pk")[:count]
    )
    now = timezone.now()
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users],
        batch_size=BATCH_SIZE,
    )
    PhoneVerification.objects.bulk_create(
        [
            PhoneVerification(user=user, phone=f"+{first_phone + number}", verified_at=now)
            for number, user in enumerate(users)
        ],
        batch_size=BATCH_SIZE,
    )
    return users


@transaction.atomic
def bulk_add_votes(contest, voters, entries, *, start=None, step=datetime.timedelta(seconds=7)):
    """One vote from each voter, round-robin over the entries."""
    start = start or contest.voting_opens_at
    entry_cycle = itertools.cycle(entries)
    Vote.objects.bulk_create(
        [
            Vote(
                contest=contest,
                entry=next(entry_cycle),
                voter=voter,
                receipt_code=new_receipt_code(),
                cast_at=start + step * number,
                network=f"10.{number // 65536 % 256}.{number // 256 % 256}.0/24",
                phone_prefix="+7900000",
            )
            for number, voter in enumerate(voters)
        ],
        batch_size=BATCH_SIZE,
    )
