"""Benchmark the public pages on SQLite and PostgreSQL at a small and a large size: `make bench`.

Why: the portal must stay fast when its content grows, on either database. A page whose SQL query
count or time grows with the number of news items, facilities, projects, pets or products hurts
long before anyone notices it on the demo content; and the anonymous page cache must serve a kept
page at a rate close to a static file's.

What, for each database (--database) and size (--sizes, default small = the demo plus 100 news;
large = 10,000 news / 4,000 facilities / 300 projects / 10,000 pets / 2,000 producers with 20,000
products); pages: benchmarks/pages.py.

1. A fresh database (benchmarks/databases.py): migrate + load_demo once per database engine into a
   template, then a copy per size. benchmarks/seed.py adds the news and fills the other catalogs up
   to the totals, then update_index runs (and ANALYZE on PostgreSQL).
2. In process, with production settings (benchmarks/in_process.py): with the page cache off, the
   SQL queries per request and the median and p95 server time; with it on, each page's first
   request (a miss) and then hits, their X-Page-Cache header checked.
3. Under gunicorn (2 sync workers, production settings) with wrk (benchmarks/load.py): req/s of a
   static file, /healthz, and the cache hits and misses of a few pages, each as a ratio to the
   static file's rate.
4. The limits the pages are held to (benchmarks/checks.py) are checked; a breach is listed, and a
   failed request or a cache that does not hit makes the script exit 1.

Progress goes to stderr; the Markdown tables to stdout (benchmarks/report.py). The files live in a
temporary directory that is removed at the end, the PostgreSQL databases are dropped. The script
runs itself in subprocesses (--seed, --measure) so that each database gets its own Django process.
"""

import argparse
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import fetch  # noqa: E402 (benchmarks/load.py)

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
SIZES = "100/40/33/60/30/210,10000/4000/300/10000/2000/20000"


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


def django_env(database_url, media_root, redis_url="", cache_dir=None):
    """Production settings on one database. The page cache is off unless a step turns it on (so
    that seeding does not renew table tokens row by row); its files, when it has no Redis, go to
    `cache_dir`, never to the checkout's var/."""
    env = {
        **os.environ,
        **BENCH_ENV,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "REDIS_URL": redis_url,
        "ELASTICSEARCH_URL": "",
        "PAGE_CACHE_ENABLED": "false",
    }
    if cache_dir:
        env["PAGE_CACHE_DIR"] = str(cache_dir)
    return env


def parse_size(spec):
    """ "10000/4000/300/10000/2000/20000" -> (news to add, then totals of facilities, projects,
    pets, producers and products)."""
    numbers = tuple(map(int, spec.split("/")))
    if len(numbers) != 6:
        raise ValueError(f"a size has six numbers: {spec}")
    return numbers


# --- in the subprocesses ---------------------------------------------------------------------


def seed(spec):
    """Seed one size (see benchmarks/seed.py); print the timings and counts as JSON."""
    import django

    django.setup()
    import seed as seeding  # benchmarks/seed.py, next to this script

    print(json.dumps(seeding.seed(*parse_size(spec))))


def clear_pages_cache():
    import django

    django.setup()
    from django.core.cache import caches

    caches["pages"].clear()
    print("{}")


# --- gunicorn ------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
                if fetch(port, "/healthz")[0] == 200:
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


def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((ln.split(":", 1)[1].strip() for ln in cpuinfo if ln.startswith("model name")), "?")
    mem_kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
    return (
        f"CPU {cpu}, {os.cpu_count()} cores, {mem_kb / 1024**2:.1f} GiB RAM; "
        f"Python {platform.python_version()}, "
        f"Django {version('django')}, Wagtail {version('wagtail')}, "
        f"gunicorn {version('gunicorn')}; {platform.system()} {platform.release()}"
    )


# --- one database --------------------------------------------------------------------------------


def databases(engine, tmp, args):
    from databases import PostgresDatabases, SQLiteDatabases

    if engine == "sqlite":
        return SQLiteDatabases(tmp)
    return PostgresDatabases(args.postgres_url, args.postgres_prefix)


def bench_database(dbs, sizes, tmp, args, clock):
    """{size name: result} for one database engine, each size from a copy of one template."""
    from load import LoadTest, static_url

    media = tmp / f"media-{dbs.engine}"
    cache_dir = tmp / f"page_cache-{dbs.engine}"
    results = {}
    try:
        env = django_env(dbs.create_template(), media, args.redis_url, cache_dir)
        log(f"{clock()} {dbs.label}: migrate and load_demo into a template database…")
        for command in (["migrate", "--noinput"], ["load_demo"]):
            run([sys.executable, "manage.py", *command], env)
        for name, spec in sizes:
            label = f"{dbs.label}, {name} ({spec})"
            env = django_env(dbs.copy_template(name), media, args.redis_url, cache_dir)
            log(f"{clock()} {label}: seeding and indexing…")
            result = run_json(["--seed", spec], env)
            log(f"{clock()} {label}: in process, page cache off…")
            timing = ["--measure", "--repeats", str(args.repeats)]
            timing += ["--page-seconds", str(args.page_seconds)]
            result.update(run_json(timing, env))
            log(f"{clock()} {label}: in process, page cache on…")
            cached = {**env, "PAGE_CACHE_ENABLED": "true"}
            result.update(run_json(["--measure", "--repeats", str(args.hits)], cached))
            log(f"{clock()} {label}: wrk against gunicorn…")
            if args.redis_url:
                run_json(["--clear-pages-cache"], env)
            load = LoadTest(tmp, args.connections, args.wrk_seconds)
            result["load"] = load.run(gunicorn, env, result["pages"], static_url(ROOT), log)
            results[name] = result
    finally:
        dbs.drop_all()
    return results


# --- the whole run -------------------------------------------------------------------------------


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database",
        choices=["sqlite", "postgres", "both"],
        default="both",
        help="which database engine to benchmark",
    )
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"),
        help="the PostgreSQL server (a role that may create databases)",
    )
    parser.add_argument(
        "--postgres-prefix",
        default="bench_",
        help="name prefix of the PostgreSQL databases created (and dropped) by the run",
    )
    parser.add_argument("--redis-url", default="", help="page cache in Redis instead of files")
    parser.add_argument(
        "--sizes",
        default=SIZES,
        help="news to add / totals of facilities, projects, pets, producers, products; "
        "comma-separated sizes",
    )
    parser.add_argument("--repeats", type=int, default=50, help="timed requests per page")
    parser.add_argument("--page-seconds", type=float, default=3, help="timing limit per page")
    parser.add_argument("--hits", type=int, default=50, help="timed cache hits per page")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--wrk-seconds", type=int, default=5, help="wrk duration per target")
    parser.add_argument("--results-json", help="also write the raw figures to this file")
    parser.add_argument("--seed", help=argparse.SUPPRESS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--clear-pages-cache", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def print_report(results, args, versions, load_before, started):
    import checks
    import report

    names = list(dict.fromkeys(size for _, size in results))
    print(
        f"Machine: {machine()}; {', '.join(versions)}; load average {load_before:.2f} at start, "
        f"{os.getloadavg()[0]:.2f} at end.\n"
    )
    print(
        f"In process: Django test client, production settings, page cache off: {args.repeats} "
        f"requests per page after one warm-up (fewer where noted: at most {args.page_seconds:g} s "
        f"per page); page cache on: the first request after emptying the cache (miss), then "
        f"{args.hits} hits. Load: wrk, 1 thread, {args.connections} connections, "
        f"{args.wrk_seconds} s per target after 1 s of warm-up, the static file between "
        f"targets, against gunicorn (2 sync workers) on 127.0.0.1; page cache in "
        f"{'Redis' if args.redis_url else 'files'}.\n"
    )
    for (database, size), result in results.items():
        print(report.page_table(database, size, result, args.repeats) + "\n")
    print(
        "#### Load test: req/s (ratio to the mean rate just before and after of a static file, "
        "same server: the stylesheet for /healthz, a file of the page's own size for a page)\n"
    )
    print(report.load_table(results) + "\n")
    if len(results) > 1:
        print("#### Side by side\n\n" + report.side_by_side(results) + "\n")
        growing = report.growing_queries(results)
        print("Query counts that change with size:\n\n" + "\n".join(growing or ["- none"]) + "\n")
    breached, failed = [], []
    for (database, size), result in results.items():
        engine = "sqlite" if database == "SQLite" else "postgres"
        breached += checks.breaches(engine, size, size == names[-1], result)
        failed += checks.failures(engine, size, result)
    print("Limits breached:\n\n" + "\n".join(f"- {line}" for line in breached or ["none"]) + "\n")
    if failed:
        print("Failures:\n\n" + "\n".join(f"- {line}" for line in failed) + "\n")
    print(f"Total run time: {time.perf_counter() - started:.0f} s")
    return failed


def main():
    args = arguments()
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    if args.seed is not None:
        return seed(args.seed)
    if args.measure:
        from in_process import measure

        return measure(args.repeats, args.page_seconds)
    if args.clear_pages_cache:
        return clear_pages_cache()

    specs = args.sizes.split(",")
    for spec in specs:
        parse_size(spec)  # fail early on a malformed size
    names = ["small", "large"] if len(specs) == 2 else [f"size {i + 1}" for i in range(len(specs))]
    engines = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    started, load_before = time.perf_counter(), os.getloadavg()[0]

    def clock():
        return f"[{time.perf_counter() - started:.0f} s]"

    tmp = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    results, versions = {}, []
    try:
        log("collectstatic…")
        static_env = django_env(f"sqlite:///{tmp / 'static.sqlite3'}", tmp)
        run([sys.executable, "manage.py", "collectstatic", "--noinput"], static_env)
        for engine in engines:
            dbs = databases(engine, tmp, args)
            versions.append(dbs.version())
            sized = bench_database(dbs, list(zip(names, specs, strict=True)), tmp, args, clock)
            results.update({(dbs.label, name): result for name, result in sized.items()})
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if args.results_json:
        raw = [
            {"database": database, "size": size, **result}
            for (database, size), result in results.items()
        ]
        Path(args.results_json).write_text(json.dumps(raw, ensure_ascii=False, indent=1))
    if print_report(results, args, versions, load_before, started):
        sys.exit("FAILED: see the failures listed above")


if __name__ == "__main__":
    main()
