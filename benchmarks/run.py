"""Benchmark the public pages at a small and a large data size: `make bench`.

Why: the portal must stay fast when its content grows. A page whose SQL query count or time grows
with the number of news items, calendar facilities or projects hurts long before anyone notices it
on the demo content.

What, for each size (--sizes, default small = 100 news / 40 facilities / 33 projects / 60 pets /
30 producers with 210 products — the demo — and large = 10,000 news / 4,000 facilities / 300
projects / 10,000 pets / 2,000 producers with 20,000 products); pages: benchmarks/pages.py.

1. A fresh SQLite database: migrate + load_demo once into a template database (24 news, 40
   facilities, 33 projects), then a copy per size. benchmarks/seed.py adds the news (as many as
   given) and fills facilities and projects up to the given totals, then update_index runs.
2. In process, with Django's test client and production settings (DEBUG off): SQL queries per
   request and the median and p95 server time over --repeats requests after one warm-up, or as
   many as fit in --page-seconds. A page whose warm-up took longer than SLOW_SECONDS is timed once.
3. Under gunicorn (2 sync workers) on 127.0.0.1: requests per second with --concurrency clients
   sending --requests requests per page, bounded by --max-seconds per page; errors are counted.
   Pages slower than SLOW_SECONDS in step 2 are skipped (a safety cap, so one slow page cannot
   stall the run).

Progress goes to stderr; the Markdown tables to stdout. Everything lives in a temporary directory
that is removed at the end. The script runs itself in subprocesses (--seed, --measure) so that each
database gets its own Django process.
"""

import argparse
import http.client
import json
import os
import platform
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLOW_SECONDS = 2.0
BENCH_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "bench-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    # Production settings require an https address; links only, nothing is fetched from it.
    "PUBLIC_BASE_URL": "https://127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "DEBUG": "false",
    "LOG_LEVEL": "WARNING",
    "LOG_FORMAT": "plain",
}


def log(message):
    print(message, file=sys.stderr, flush=True)


def run(args, env):
    """Run a command in the repository; show its output and stop if it fails; return stdout."""
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        sys.exit(f"FAILED: {' '.join(map(str, args))}\n{result.stdout}\n{result.stderr}")
    return result.stdout


def run_json(args, env):
    """Run this script in a subprocess; its last line of output is JSON."""
    return json.loads(run([sys.executable, __file__, *args], env).splitlines()[-1])


def django_env(tmp, db_name):
    return {
        **os.environ,
        **BENCH_ENV,
        "DATABASE_URL": f"sqlite:///{tmp / db_name}",
        "MEDIA_ROOT": str(tmp / "media"),
    }


# --- in the subprocesses ---------------------------------------------------------------------


def seed(spec):
    """Seed one size (see benchmarks/seed.py); print the timings and counts as JSON."""
    import django

    django.setup()
    import seed as seeding  # benchmarks/seed.py, next to this script

    print(json.dumps(seeding.seed(*parse_size(spec))))


def measure(repeats, page_seconds):
    """Query count and server times of each page, in process; print them as JSON."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from pages import pages_to_measure  # benchmarks/pages.py, next to this script

    pages = pages_to_measure()
    client = Client(SERVER_NAME="127.0.0.1")

    def get(url, count=False):
        with CaptureQueriesContext(connection) if count else nullcontext([]) as queries:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            sys.exit(f"FAILED: GET {url} answered {response.status_code}, expected 200")
        return len(queries), elapsed

    results = []
    for name, url in pages:
        queries, first_ms = get(url, count=True)  # warm-up
        samples = [first_ms]
        if first_ms < SLOW_SECONDS * 1000:
            queries = get(url, count=True)[0]
            samples, stop_at = [], time.monotonic() + page_seconds
            while len(samples) < repeats and (len(samples) < 5 or time.monotonic() < stop_at):
                samples.append(get(url)[1])
        p95 = statistics.quantiles(samples, n=20, method="inclusive")[18] if samples[1:] else None
        median = statistics.median(samples)
        results.append(dict(name=name, url=url, queries=queries, median_ms=median, p95_ms=p95))
        results[-1]["samples"] = len(samples)
    print(json.dumps({"pages": results}))


def parse_size(spec):
    """ "10000/4000/300/10000/2000/20000" -> (news to add, then totals of facilities, projects,
    pets, producers and products)."""
    numbers = tuple(map(int, spec.split("/")))
    if len(numbers) != 6:
        raise ValueError(f"a size has six numbers: {spec}")
    return numbers


# --- load test under gunicorn --------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port, url):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", url, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def load(port, url, total, concurrency, max_seconds):
    """Send `total` GETs from `concurrency` threads (or stop at max_seconds): (ok, errors, s)."""
    lock = threading.Lock()
    sent = [0]
    stop_at = time.monotonic() + max_seconds

    def client():
        ok = errors = 0
        while time.monotonic() < stop_at:
            with lock:
                if sent[0] >= total:
                    break
                sent[0] += 1
            try:
                status = fetch(port, url)
            except OSError:
                status = None
            ok, errors = (ok + 1, errors) if status == 200 else (ok, errors + 1)
        return ok, errors

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        counts = list(pool.map(lambda _: client(), range(concurrency)))
    elapsed = time.perf_counter() - started
    return sum(c[0] for c in counts), sum(c[1] for c in counts), elapsed


@contextmanager
def gunicorn(env, log_path, workers=2):
    """Serve the portal under gunicorn on a free port; yield the port once /healthz answers."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "portal.wsgi:application"]
    command += ["--workers", str(workers), "--threads", "1", "--bind", f"127.0.0.1:{port}"]
    command += ["--no-control-socket"]
    with open(log_path, "w") as server_log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=server_log, stderr=server_log)  # noqa: S603
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if fetch(port, "/healthz") == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit("FAILED: gunicorn did not start:\n" + Path(log_path).read_text())
            time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def load_test(env, tmp, pages, args):
    with gunicorn(env, tmp / "gunicorn.log") as port:
        for page in pages:
            if page["median_ms"] > SLOW_SECONDS * 1000:
                page["rps"] = None
                continue
            load(port, page["url"], args.concurrency, args.concurrency, 3)  # warm-up
            ok, errors, elapsed = load(
                port, page["url"], args.requests, args.concurrency, args.max_seconds
            )
            page.update(rps=ok / elapsed, ok=ok, errors=errors)
            log(f"    {page['name']}: {ok} ok, {errors} errors, {ok / elapsed:.1f} req/s")


# --- report --------------------------------------------------------------------------------------


def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((ln.split(":", 1)[1].strip() for ln in cpuinfo if ln.startswith("model name")), "?")
    mem_kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
    return (
        f"CPU {cpu}, {os.cpu_count()} cores, {mem_kb / 1024**2:.1f} GiB RAM; "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"Django {version('django')}, Wagtail {version('wagtail')}, "
        f"gunicorn {version('gunicorn')}; {platform.system()} {platform.release()}"
    )


def fmt(value):
    return "—" if value is None else f"{value:.1f}"


def title(label, result):
    return (
        f"{label}: {result['live_news']:,} live news items, {result['facilities']:,} facilities, "
        f"{result['projects']:,} projects, {result['pets']:,} pets, "
        f"{result['producers']:,} producers with {result['products']:,} products"
    )


def table(label, result, args):
    lines = [
        f"### {title(label, result)}\n",
        f"Seeding {result['seed_s']:.1f} s, update_index {result['index_s']:.1f} s.\n",
        f"| Page | URL | SQL queries | median ms | p95 ms | req/s ({args.concurrency} clients) "
        "| errors |",
        "|---|---|--:|--:|--:|--:|--:|",
    ]
    for page in result["pages"]:
        n = page["samples"]
        once = "" if n >= args.repeats else " (1 request)" if n == 1 else f" ({n} requests)"
        rps = "skipped (too slow)" if page.get("rps") is None else fmt(page["rps"])
        lines.append(
            f"| {page['name']} | `{page['url']}` | {page['queries']} | {fmt(page['median_ms'])}"
            f"{once} | {fmt(page['p95_ms'])} | {rps} | {page.get('errors', '—')} |"
        )
    return "\n".join(lines)


def summary(results):
    labels = list(results)
    head = " | ".join(f"queries {label}" for label in labels)
    head += " | " + " | ".join(f"median ms {label}" for label in labels)
    head += " | " + " | ".join(f"req/s {label}" for label in labels)
    lines = [f"| Page | {head} |", "|---|" + "--:|" * 3 * len(labels)]
    for i, page in enumerate(results[labels[0]]["pages"]):
        rows = [results[label]["pages"][i] for label in labels]
        cells = [str(r["queries"]) for r in rows] + [fmt(r["median_ms"]) for r in rows]
        cells += [fmt(r.get("rps")) for r in rows]
        lines.append(f"| {page['name']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def growing_queries(results):
    """Pages whose query count differs between the sizes, as readable lines."""
    labels = list(results)
    lines = []
    for i, page in enumerate(results[labels[0]]["pages"]):
        counts = [results[label]["pages"][i]["queries"] for label in labels]
        if len(set(counts)) > 1:
            lines.append(f"- {page['name']}: " + " → ".join(map(str, counts)) + " queries")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes",
        default="100/40/33/60/30/210,10000/4000/300/10000/2000/20000",
        help="news to add / totals of facilities, projects, pets, producers, products; "
        "comma-separated sizes",
    )
    parser.add_argument("--repeats", type=int, default=50, help="timed requests per page")
    parser.add_argument("--page-seconds", type=float, default=3, help="timing limit per page")
    parser.add_argument("--requests", type=int, default=200, help="load-test requests per page")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent load-test clients")
    parser.add_argument("--max-seconds", type=float, default=4, help="load-test limit per page")
    parser.add_argument("--seed", help=argparse.SUPPRESS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    if args.seed is not None:
        return seed(args.seed)
    if args.measure:
        return measure(args.repeats, args.page_seconds)

    specs = args.sizes.split(",")
    for spec in specs:
        parse_size(spec)  # fail early on a malformed size
    names = ["small", "large"] if len(specs) == 2 else [f"size {i + 1}" for i in range(len(specs))]
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    tmp = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    results = {}
    try:
        env = django_env(tmp, "base.sqlite3")
        log("collectstatic, then migrate and load_demo into a template database…")
        for command in (["collectstatic", "--noinput"], ["migrate", "--noinput"], ["load_demo"]):
            run([sys.executable, "manage.py", *command], env)
        for name, spec in zip(names, specs, strict=True):
            label = f"{name} ({spec})"
            shutil.copyfile(tmp / "base.sqlite3", tmp / f"bench-{name}.sqlite3")
            env = django_env(tmp, f"bench-{name}.sqlite3")
            log(f"[{time.perf_counter() - started:.0f} s] {label}: seeding and indexing…")
            result = run_json(["--seed", spec], env)
            log(f"[{time.perf_counter() - started:.0f} s] {label}: measuring in process…")
            measure_args = [
                "--repeats",
                str(args.repeats),
                "--page-seconds",
                str(args.page_seconds),
            ]
            result.update(run_json(["--measure", *measure_args], env))
            log(f"[{time.perf_counter() - started:.0f} s] {label}: load test under gunicorn…")
            load_test(env, tmp, result["pages"], args)
            results[name] = result
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    load_after = os.getloadavg()[0]
    print(
        f"Machine: {machine()}; load average {load_before:.2f} at start, {load_after:.2f} at end.\n"
    )
    print(
        f"Server time: in process (Django test client, production settings), {args.repeats} "
        f"requests per page after one warm-up (fewer where noted: at most {args.page_seconds:g} s "
        f"per page). req/s: gunicorn, 2 sync workers, {args.concurrency} clients, up to "
        f"{args.requests} requests or {args.max_seconds:g} s per page on 127.0.0.1.\n"
    )
    for name, result in results.items():
        print(table(name, result, args) + "\n")
    if len(results) > 1:
        print("### Side by side\n\n" + summary(results) + "\n")
        growing = growing_queries(results)
        print("Query counts that change with size:\n\n" + "\n".join(growing or ["- none"]) + "\n")
    print(f"Total run time: {time.perf_counter() - started:.0f} s")
    errors = sum(p.get("errors", 0) for r in results.values() for p in r["pages"])
    if errors:
        sys.exit(f"FAILED: {errors} load-test requests did not answer 200")


if __name__ == "__main__":
    main()
