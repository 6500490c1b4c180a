"""Benchmark the voting endpoint: votes per second beside /healthz requests per second, on
PostgreSQL under gunicorn, with wrk as the load generator. For `make bench`; alone:
`.venv/bin/python benchmarks/bench_voting.py`.

Why: a public vote is the moment the portal is hammered, and the one place where a race could
count a person twice. The figure that matters is not only votes per second but that errors and
duplicates stay at zero while many people vote at once. Votes per second alone says more about
the machine than about the code, so the same gunicorn is also measured on /healthz (a database
round trip with a rolled-back insert, the cheapest request that touches what a vote touches) in
the same run, and the ratio of the two is the figure to compare between runs and machines. The
load comes from wrk (Debian's /usr/bin/wrk, C): a Python client would take a large share of the
two cores from the server it measures.

What:
1. A fresh PostgreSQL database (--database-url, default postgres://postgres@127.0.0.1:5432/
   bench_voting; dropped and created again), `migrate`, then in a subprocess: a contest open for
   voting now with --entries accepted entries and --voters verified citizens (contest.demo.seeding),
   each with a signed-in session written straight to the session store (signing in over HTTP
   would benchmark password hashing instead), and the vote rate-limit counters of earlier runs
   removed from the cache (the same user ids and addresses come back in every fresh database).
2. gunicorn under production settings (--workers sync workers) on 127.0.0.1, behind a pretend
   proxy (TRUSTED_PROXIES=1; each voter sends its own X-Forwarded-For address, as the real proxy
   would, so the per-address limit applies per voter rather than to 127.0.0.1). A short warm-up.
3. wrk (one thread, --concurrency connections) with a Lua script written to the
   temporary directory: each request is the next voter's form POST (session and CSRF cookies,
   CSRF token, the entry); a 302 to the receipt is counted. A connection with no voter left asks
   /healthz until the others finish (those answers are not counted). Then --repeat of the voters
   vote again the same way: each must be refused (409). Then wrk measures /healthz for
   --healthz-seconds against the same gunicorn.
4. The database is checked: one vote per voter, no duplicates, the tally adds up.

Prints a Markdown table to stdout; exits 1 on any error, accepted second vote or duplicate.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]
from run import BENCH_ENV, fetch, gunicorn, log, machine, run  # noqa: E402 (benchmarks/run.py)

# 32 characters: Django accepts the unmasked secret as the form token.
CSRF_SECRET = "benchvotingcsrfsecret0123456789a"  # noqa: S105
WRK = "/usr/bin/wrk"
# wrk prints this before the one line of JSON its script's done() writes.
RESULT_MARK = "BENCH-RESULT "
# Django checks the Referer of an https POST against the Host, so both name the same host.
HOST = "127.0.0.1"
HEALTHZ = "/healthz"
# One wrk thread drives thousands of requests a second. With more, a thread that has finished
# its voters stops with fresh connections open and unused, and a sync worker that accepted one
# waits on it until gunicorn's timeout kills it.
WRK_THREADS = 1
WRK_TIMEOUT_SECONDS = 30

# The load script. Every thread reads the request list (one line per request: method, path,
# cookie, X-Forwarded-For, body) and takes every n-th line; it stops once each of its requests
# has been answered, and /healthz answers (JSON) fill its idle connections meanwhile; the last
# one writes the "done" file. In "loop" mode every thread sends all the lines over and over until
# wrk's duration ends.
WRK_SCRIPT = r"""
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local path, thread_count, host = args[1], tonumber(args[2]), args[3]
  stall_seconds, done_path = tonumber(args[5]), args[6]
  looping = args[4] == "loop"
  requests, statuses = {}, {}
  answered, counted, fillers = 0, 0, 0
  local line_number = 0
  for line in io.lines(path) do
    if looping or line_number % thread_count == id then
      local method, target, cookie, address, body = line:match(
        "^(%S+) (%S+) (%S*) (%S*) ?(.*)$")
      local headers = {Host = host}
      if method == "POST" then
        headers["Cookie"] = cookie
        headers["X-Forwarded-For"] = address
        headers["X-Forwarded-Proto"] = "https"
        headers["Referer"] = "https://" .. host .. target
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        requests[#requests + 1] = wrk.format("POST", target, headers, body)
      else
        requests[#requests + 1] = wrk.format("GET", target, headers)
      end
    end
    line_number = line_number + 1
  end
  total = #requests
  -- wrk calls request() once on its first thread before the run (to count pipelined requests):
  -- that call gets the filler, not a voter.
  next_request = id == 0 and 0 or 1
  last_answer = os.time()
  filler = wrk.format("GET", "/healthz", {Host = host})
end

function request()
  if next_request == 0 then
    next_request = 1
    return filler
  end
  if looping then
    next_request = next_request % total + 1
    return requests[next_request]
  end
  if next_request > total then
    return filler
  end
  next_request = next_request + 1
  return requests[next_request - 1]
end

function response(status, headers, body)
  if not looping and (headers["Content-Type"] or ""):find("json", 1, true) then
    fillers = fillers + 1
    -- A request lost to a socket error is never answered: give up a while after wrk's timeout.
    if os.time() - last_answer > stall_seconds then
      finish()
    end
    return
  end
  last_answer = os.time()
  answered = answered + 1
  statuses[status] = (statuses[status] or 0) + 1
  if status == 302 and (headers["Location"] or ""):find("/receipt/", 1, true) then
    counted = counted + 1
  end
  if not looping and answered >= total then
    finish()
  end
end

-- wrk itself runs for its whole duration: the benchmark interrupts it once this file appears.
function finish()
  wrk.thread:stop()
  local file = io.open(done_path, "w")
  file:write("done")
  file:close()
end

function done(summary, latency, requests)
  local answered_all, counted_all, fillers_all, codes = 0, 0, 0, {}
  for _, thread in ipairs(threads) do
    answered_all = answered_all + thread:get("answered")
    counted_all = counted_all + thread:get("counted")
    fillers_all = fillers_all + thread:get("fillers")
    for status, n in pairs(thread:get("statuses")) do
      codes[status] = (codes[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(codes) do
    parts[#parts + 1] = string.format('"%d": %d', status, n)
  end
  local errors = summary.errors
  io.write(string.format(
    '%s{"seconds": %.6f, "requests": %d, "answered": %d, "counted": %d, "fillers": %d, ' ..
    '"statuses": {%s}, "socket_errors": %d, "non_2xx_3xx": %d, "timeouts": %d, ' ..
    '"p50_ms": %.1f, "p99_ms": %.1f}\n',
    "@@MARK@@", summary.duration / 1e6, summary.requests, answered_all, counted_all,
    fillers_all, table.concat(parts, ", "),
    errors.connect + errors.read + errors.write, errors.status, errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


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
    import django

    django.setup()
    from wagtail.models import Site

    from contest.demo.seeding import (
        add_open_contest,
        bulk_add_entries,
        bulk_add_voters,
        signed_in_session,
    )
    from contest.models import ContestIndexPage

    forget_vote_counters()
    root = Site.objects.get(is_default_site=True).root_page
    index_page = ContestIndexPage(title="Лучший орган ТОС", slug="tos-contest")
    root.add_child(instance=index_page)
    contest = add_open_contest(index_page, title="Нагрузочный конкурс", slug="bench")
    entry_pages = bulk_add_entries(contest, entries, prefix="bench")
    users = bulk_add_voters(voters, prefix="bench-voter")
    sessions = [signed_in_session(user) for user in users]
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


def forget_vote_counters():
    """Remove the vote rate-limit counters of earlier runs (portal.ratelimit keys): a fresh
    database gives the voters the same ids and addresses again, within the limits' hour."""
    from django.core.cache import cache

    if hasattr(cache, "delete_pattern"):  # django-redis; the in-memory cache starts empty
        cache.delete_pattern("ratelimit:vote_*")


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


def voter_address(index):
    return f"10.{index // 65536 % 256}.{index // 256 % 256}.{index % 256}"


def vote_lines(seeded, indices):
    """One request line per voter index for the wrk script: the vote form POST."""
    lines, entries = [], seeded["entries"]
    for index in indices:
        entry = entries[index % len(entries)]
        body = urlencode({"csrfmiddlewaretoken": CSRF_SECRET, "entry": entry})
        cookie = f"sessionid={seeded['sessions'][index]};csrftoken={CSRF_SECRET}"
        lines.append(f"POST {seeded['vote_url']} {cookie} {voter_address(index)} {body}")
    return lines


def wrk(port, tmp, name, lines, args, *, seconds):
    """Run wrk with the load script over `lines`; its result (see WRK_SCRIPT's done())."""
    script = tmp / "load.lua"
    script.write_text(WRK_SCRIPT.replace("@@MARK@@", RESULT_MARK))
    requests = tmp / f"{name}.txt"
    requests.write_text("\n".join(lines) + "\n")
    connections = min(args.concurrency, len(lines)) if name != "healthz" else args.concurrency
    mode = "loop" if name == "healthz" else "once"
    command = [WRK, "-t", str(WRK_THREADS), "-c", str(connections), "-d", f"{seconds}s"]
    command += ["--timeout", f"{WRK_TIMEOUT_SECONDS}s", "-s", str(script)]
    command += [f"http://{HOST}:{port}{HEALTHZ}", "--", str(requests), str(WRK_THREADS), HOST]
    done = tmp / f"{name}.done"
    command += [mode, str(WRK_TIMEOUT_SECONDS + 5), str(done)]
    started = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:  # noqa: S603
        # wrk sleeps for its whole -d duration; SIGINT ends it early and it reports as usual.
        while process.poll() is None and not done.exists():
            time.sleep(0.01)
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        output = process.communicate()[0]
    wall = time.perf_counter() - started
    found = re.search(re.escape(RESULT_MARK) + r"(\{.*\})", output)
    if found is None:
        sys.exit(f"FAILED: no result from wrk ({name}):\n{output}")
    result = json.loads(found.group(1))
    result["wall_seconds"] = wall
    log(f"  {name}: {result}")
    return result


def warm_up(port, seeded):
    """Each worker imports the contest views and fills its caches before the clock starts."""
    for _ in range(8):
        fetch(port, HEALTHZ)
        fetch(port, seeded["vote_url"].rsplit("vote/", 1)[0])


def failures(votes, repeat, healthz, database, args, repeat_count):
    """What went wrong, as readable lines; empty when the run is clean."""
    problems = []
    for name, result in (("votes", votes), ("repeat votes", repeat), ("healthz", healthz)):
        if result["socket_errors"] or result["timeouts"]:
            problems.append(f"{name}: {result['socket_errors']} socket errors, "
                            f"{result['timeouts']} timeouts")  # fmt: skip
    if votes["counted"] != args.voters or votes["answered"] != args.voters:
        problems.append(f"votes: {votes['counted']} of {args.voters} counted, {votes['statuses']}")
    if repeat.get("statuses") != {"409": repeat_count}:
        problems.append(f"repeat votes: expected {repeat_count} × 409, got {repeat['statuses']}")
    if set(healthz["statuses"]) != {"200"}:
        problems.append(f"healthz: {healthz['statuses']}")
    if database["duplicates"] or database["votes"] != args.voters:
        problems.append(f"database: {database}")
    if database["tally"] != args.voters:
        problems.append(f"tally: {database['tally']} for {args.voters} voters")
    return problems


def report(args, votes, repeat, healthz, database, repeat_count):
    votes_per_second = votes["counted"] / votes["seconds"]
    healthz_per_second = healthz["answered"] / healthz["seconds"]
    errors = sum(r["socket_errors"] + r["timeouts"] for r in (votes, repeat, healthz))
    non_2xx_3xx = votes["non_2xx_3xx"] + healthz["non_2xx_3xx"]
    print(f"## Voting (PostgreSQL, gunicorn {args.workers} sync workers, wrk)\n")
    print(f"Machine: {machine()}; load average {os.getloadavg()[0]:.2f} at the end.\n")
    print("| voters | connections | votes/s | vote p50 / p99 ms | /healthz req/s "
          "| votes/s ÷ healthz req/s | errors | non-2xx/3xx (votes, healthz) "
          "| second votes refused (409) | duplicates in DB | votes in DB | tally |")  # fmt: skip
    print("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    print(
        f"| {args.voters} | {args.concurrency} | {votes_per_second:.1f} "
        f"| {votes['p50_ms']:.0f} / {votes['p99_ms']:.0f} | {healthz_per_second:.0f} "
        f"| {votes_per_second / healthz_per_second:.3f} | {errors} | {non_2xx_3xx} "
        f"| {repeat['statuses'].get('409', 0)}/{repeat_count} | {database['duplicates']} "
        f"| {database['votes']} | {database['tally']} |"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/bench_voting")
    parser.add_argument("--voters", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=12)
    parser.add_argument("--concurrency", type=int, default=16, help="wrk connections")
    parser.add_argument("--repeat", type=int, default=200, help="voters who vote a second time")
    parser.add_argument("--healthz-seconds", type=int, default=10)
    parser.add_argument("--max-seconds", type=int, default=300, help="limit of each vote phase")
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
    if not shutil.which(WRK):
        sys.exit(f"The voting benchmark needs wrk ({WRK}): apt-get install wrk.")

    env = django_env(args.database_url)
    with tempfile.TemporaryDirectory(prefix="bench-voting-") as tmp:
        tmp = Path(tmp)
        log(f"fresh database {args.database_url}, migrate…")
        recreate_database(args.database_url)
        run([sys.executable, "manage.py", "migrate", "--noinput"], env)
        log(f"seeding {args.voters} verified voters and {args.entries} entries…")
        seeded_path = tmp / "seeded.json"
        run([sys.executable, __file__, "--seed", str(seeded_path), "--voters", str(args.voters),
             "--entries", str(args.entries)], env)  # fmt: skip
        seeded = json.loads(seeded_path.read_text())
        repeat_count = min(args.repeat, args.voters)

        with gunicorn(env, tmp / "gunicorn.log", workers=args.workers) as port:
            warm_up(port, seeded)
            log(f"{args.voters} voters, {args.concurrency} connections…")
            lines = vote_lines(seeded, range(args.voters))
            votes = wrk(port, tmp, "votes", lines, args, seconds=args.max_seconds)
            log(f"{repeat_count} of them vote again…")
            lines = vote_lines(seeded, range(repeat_count))
            repeat = wrk(port, tmp, "repeat", lines, args, seconds=args.max_seconds)
            log(f"/healthz for {args.healthz_seconds} s…")
            healthz = wrk(port, tmp, "healthz", [f"GET {HEALTHZ} - -"], args,
                          seconds=args.healthz_seconds)  # fmt: skip
        database = json.loads(
            run([sys.executable, __file__, "--verify", str(seeded["contest"])], env).splitlines()[
                -1
            ]
        )

    report(args, votes, repeat, healthz, database, repeat_count)
    problems = failures(votes, repeat, healthz, database, args, repeat_count)
    if problems:
        log("FAILED:\n" + "\n".join(problems))
        sys.exit(1)


if __name__ == "__main__":
    main()
