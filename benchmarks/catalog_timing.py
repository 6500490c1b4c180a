"""Time the catalogs' text searches and filters on one database at the large size.

    python benchmarks/catalog_timing.py --database sqlite:////tmp/bench/large.sqlite3 --build
    python benchmarks/catalog_timing.py --database postgres://user@host:5432/bench --build

--build fills the database once as `make bench` fills its large size (migrate, load_demo, then
benchmarks/seed.py through run.py's --seed step, with its update_index); without it the database
is measured as it is, so one seeding serves many runs. A PostgreSQL database must exist (empty)
before --build. Measuring: in process, with Django's test client under production settings, as
run.py does: one warm-up request per page, then --repeats timed requests; the median and p95 server
time and the SQL queries of one request. The Markdown table goes to stdout.
"""

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402  benchmarks/run.py, next to this script

LARGE = "10000/4000/300/10000/2000/20000"
PAGES = [
    ("shelter «метис»", "/shelter/?" + urlencode({"q": "метис"})),
    ("shelter «собака», female", "/shelter/?" + urlencode({"q": "собака", "sex": "female"})),
    (
        "shelter «кот», cat, male, small",
        "/shelter/?" + urlencode({"q": "кот", "species": "cat", "sex": "male", "size": "small"}),
    ),
    ("shelter", "/shelter/"),
    ("products «мёд»", "/producers/?" + urlencode({"view": "products", "q": "мёд"})),
    ("producers «мёд», Adlersky", "/producers/?" + urlencode({"q": "мёд", "district": "adlersky"})),
]


def environment(database, media):
    return bench.django_env(database, media)


def build(env):
    bench.log("collectstatic, migrate, load_demo…")
    for command in (["collectstatic", "--noinput"], ["migrate", "--noinput"], ["load_demo"]):
        bench.run([sys.executable, "manage.py", *command], env)
    bench.log(f"seeding {LARGE} and indexing…")
    return bench.run_json(["--seed", LARGE], env)


def measure(repeats):
    """Query count, median and p95 of each page, in this process; print them as JSON."""
    sys.path.insert(0, str(bench.ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="127.0.0.1")

    def get(url):
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            sys.exit(f"FAILED: GET {url} answered {response.status_code}, expected 200")
        return elapsed

    results = []
    for name, url in PAGES:
        get(url)  # warm-up
        with CaptureQueriesContext(connection) as captured:
            get(url)
        queries = len(captured.captured_queries)
        samples = [get(url) for _ in range(repeats)]
        p95 = statistics.quantiles(samples, n=20, method="inclusive")[18]
        results.append(
            dict(
                name=name,
                url=url,
                queries=queries,
                median_ms=statistics.median(samples),
                p95_ms=p95,
            )
        )
    print(json.dumps(results))


def table(results):
    rows = ["| page | queries | median ms | p95 ms |", "|---|---:|---:|---:|"]
    rows += [
        f"| {r['name']} | {r['queries']} | {r['median_ms']:.0f} | {r['p95_ms']:.0f} |"
        for r in results
    ]
    return "\n".join(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", help="DATABASE_URL of the database to build or measure")
    parser.add_argument("--media", default=str(Path(tempfile.gettempdir()) / "catalog-media"))
    parser.add_argument("--build", action="store_true", help="seed the large size first")
    parser.add_argument("--repeats", type=int, default=20, help="timed requests per page")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure(args.repeats)
    env = environment(args.database, args.media)
    if args.build:
        bench.log(json.dumps(build(env)))
    output = bench.run([sys.executable, __file__, "--measure", "--repeats", str(args.repeats)], env)
    print(table(json.loads(output.splitlines()[-1])))


if __name__ == "__main__":
    main()
