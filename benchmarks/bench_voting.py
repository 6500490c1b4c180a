"""Benchmark the voting endpoint: votes per second with concurrent distinct voters, on PostgreSQL
under gunicorn. For `make bench`; alone: `.venv/bin/python benchmarks/bench_voting.py`.

Why: a public vote is the moment the portal is hammered, and the one place where a race could
count a person twice. The figure that matters is not only votes per second but that errors and
duplicates stay at zero while many people vote at once.

What:
1. A fresh PostgreSQL database (--database-url, default postgres://postgres@127.0.0.1:5432/
   bench_voting; dropped and created again), `migrate`, then in a subprocess: a contest open for
   voting now with --entries accepted entries and --voters verified citizens (contest.demo.seeding),
   each with a signed-in session written straight to the session store (signing in over HTTP
   would benchmark password hashing instead).
2. gunicorn under production settings (--workers sync workers) on 127.0.0.1, behind a pretend
   proxy (TRUSTED_PROXIES=1; each voter sends its own X-Forwarded-For address, as the real proxy
   would, so the per-address limit applies per voter rather than to 127.0.0.1).
3. Every voter POSTs one vote, --concurrency at a time (the real form POST with session and CSRF
   cookies; 302 to the receipt = counted). Then --repeat of them vote again at once: each must be
   refused (409). Finally the database is checked: one vote per voter, no duplicates, the tally
   adds up.

Prints a Markdown table to stdout; exits 1 on any error or duplicate.
"""

import argparse
import http.client
import json
import os
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]
from run import BENCH_ENV, gunicorn, log, machine, run  # noqa: E402 (benchmarks/run.py)

# 32 characters: Django accepts the unmasked secret as the form token.
CSRF_SECRET = "benchvotingcsrfsecret0123456789a"  # noqa: S105


def django_env(database_url):
    return {**os.environ, **BENCH_ENV, "DATABASE_URL": database_url, "TRUSTED_PROXIES": "1"}


def recreate_database(database_url):
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


# --- in the --seed subprocess ---------------------------------------------------------------


def seed(voters, entries, out):
    import datetime

    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone
    from wagtail.models import Site

    from contest.demo.seeding import bulk_add_entries, bulk_add_voters
    from contest.models import ContestIndexPage, ContestPage

    root = Site.objects.get(is_default_site=True).root_page
    index_page = ContestIndexPage(title="Лучший орган ТОС", slug="tos-contest")
    root.add_child(instance=index_page)
    now = timezone.now()
    contest = ContestPage(
        title="Нагрузочный конкурс",
        slug="bench",
        applications_open_on=(now - datetime.timedelta(days=60)).date(),
        applications_close_on=(now - datetime.timedelta(days=30)).date(),
        voting_opens_at=now - datetime.timedelta(hours=1),
        voting_closes_at=now + datetime.timedelta(days=1),
        results_on=(now + datetime.timedelta(days=5)).date(),
    )
    index_page.add_child(instance=contest)
    entry_pages = bulk_add_entries(contest, entries, prefix="bench")
    users = bulk_add_voters(voters, prefix="bench-voter")
    # The backend a password sign-in records (the first in the list only refuses locked-out ones).
    backend = "django.contrib.auth.backends.ModelBackend"
    sessions = []
    for user in users:
        store = SessionStore()
        store.update(
            {
                SESSION_KEY: str(user.pk),
                BACKEND_SESSION_KEY: backend,
                HASH_SESSION_KEY: user.get_session_auth_hash(),
            }
        )
        store.create()
        sessions.append(store.session_key)
    Path(out).write_text(
        json.dumps(
            {
                "vote_url": contest.url + "vote/",
                "entries": [entry.pk for entry in entry_pages],
                "sessions": sessions,
                "contest": contest.pk,
            }
        )
    )


def verify(contest_id, voters):
    """Count votes in the database: (votes, distinct voters, counted in the tally)."""
    import django

    django.setup()
    from django.db.models import Count

    from contest.models import ContestPage, Vote
    from contest.results import tally

    votes = Vote.objects.filter(contest_id=contest_id)
    duplicates = votes.values("voter").annotate(n=Count("pk")).filter(n__gt=1).count()
    counted = sum(standing.votes for standing in tally(ContestPage.objects.get(pk=contest_id)))
    print(
        json.dumps(
            {
                "votes": votes.count(),
                "voters": votes.values("voter").distinct().count(),
                "duplicates": duplicates,
                "tally": counted,
            }
        )
    )


# --- the load ---------------------------------------------------------------------------------


def post_vote(port, vote_url, session_key, entry, address):
    body = urlencode({"csrfmiddlewaretoken": CSRF_SECRET, "entry": entry})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(
            "POST",
            vote_url,
            body=body,
            headers={
                "Host": "127.0.0.1",
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"sessionid={session_key}; csrftoken={CSRF_SECRET}",
                "X-Forwarded-For": address,
                "X-Forwarded-Proto": "https",
                "Referer": f"https://127.0.0.1{vote_url}",
            },
        )
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location", "")
    finally:
        connection.close()


def vote_all(port, seeded, indices, concurrency):
    """POST one vote per voter index; returns (statuses, seconds, latencies)."""
    latencies = []
    lock = threading.Lock()

    def one(index):
        entry = seeded["entries"][index % len(seeded["entries"])]
        address = f"10.{index // 65536 % 256}.{index // 256 % 256}.{index % 256}"
        started = time.perf_counter()
        try:
            status, location = post_vote(
                port, seeded["vote_url"], seeded["sessions"][index], entry, address
            )
        except OSError as error:
            status, location = f"error: {error}", ""
        with lock:
            latencies.append(time.perf_counter() - started)
        return status, location

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        outcomes = list(pool.map(one, indices))
    return outcomes, time.perf_counter() - started, sorted(latencies)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/bench_voting")
    parser.add_argument("--voters", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=12)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", help=argparse.SUPPRESS)
    parser.add_argument("--verify", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:
        return seed(args.voters, args.entries, args.seed)
    if args.verify:
        return verify(args.verify, args.voters)
    if not args.database_url.startswith("postgres"):
        sys.exit("The voting benchmark needs PostgreSQL (--database-url postgres://…).")

    env = django_env(args.database_url)
    with tempfile.TemporaryDirectory(prefix="bench-voting-") as tmp:
        log(f"fresh database {args.database_url}, migrate…")
        recreate_database(args.database_url)
        run([sys.executable, "manage.py", "migrate", "--noinput"], env)
        log(f"seeding {args.voters} verified voters and {args.entries} entries…")
        seeded_path = Path(tmp) / "seeded.json"
        run([sys.executable, __file__, "--seed", str(seeded_path), "--voters", str(args.voters),
             "--entries", str(args.entries)], env)  # fmt: skip
        seeded = json.loads(seeded_path.read_text())

        with gunicorn(env, Path(tmp) / "gunicorn.log", workers=args.workers) as port:
            log(f"{args.voters} voters, {args.concurrency} at a time…")
            outcomes, seconds, latencies = vote_all(
                port, seeded, range(args.voters), args.concurrency
            )
            counted = sum(
                1 for status, location in outcomes if status == 302 and "/receipt/" in location
            )
            errors = [
                status
                for status, location in outcomes
                if not (status == 302 and "/receipt/" in location)
            ]
            repeat = list(range(min(args.repeat, args.voters)))
            log(f"{len(repeat)} of them vote again at once…")
            again, _, _ = vote_all(port, seeded, repeat, args.concurrency)
            refused = sum(1 for status, _ in again if status == 409)
        database = json.loads(
            run([sys.executable, __file__, "--verify", str(seeded["contest"])], env).splitlines()[
                -1
            ]
        )

    second_votes_accepted = sum(1 for status, _ in again if status == 302)
    p50 = latencies[len(latencies) // 2] * 1000
    p95 = latencies[int(len(latencies) * 0.95) - 1] * 1000
    print(f"## Voting (PostgreSQL, gunicorn {args.workers} sync workers)\n")
    print(f"Machine: {machine()}\n")
    print("| voters | concurrency | votes/s | p50 ms | p95 ms | errors | second attempts refused "
          "| duplicates in DB | votes in DB | tally |")  # fmt: skip
    print("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    print(
        f"| {args.voters} | {args.concurrency} | {counted / seconds:.1f} | {p50:.0f} | {p95:.0f} "
        f"| {len(errors)} | {refused}/{len(repeat)} | {database['duplicates']} "
        f"| {database['votes']} | {database['tally']} |"
    )
    failed = (
        errors
        or database["duplicates"]
        or second_votes_accepted
        or refused != len(repeat)
        or database["votes"] != args.voters
        or database["tally"] != args.voters
    )
    if failed:
        log(f"FAILED: errors {errors[:5]}, second votes accepted {second_votes_accepted}")
        log(f"database: {database}")
        sys.exit(1)


if __name__ == "__main__":
    main()
