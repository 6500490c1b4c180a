"""The limits `make bench` holds the pages to, and the list of those a run breached.

From the issue: every page at most 15 SQL queries at both sizes; at the large size (10,000 pets,
20,000 products, 10,000 news) the catalogs with text + 3 filters + facets at p95 <= 100 ms on
PostgreSQL and <= 150 ms on SQLite, the site search p95 <= 100 ms on both; feed.ics and export.csv
p95 <= 50 ms served from the page cache; a cache hit at least half the req/s of a static file of
its size. The API's main lists (issue "Open data"): at most 15 queries, p95 <= 100 ms at the large
size on both.

Breaches are reported, not fatal: the run still prints every figure. What is fatal (`failures`)
is a request that failed or a cache that did not answer as expected, since then the figures
measure something else than they claim.
"""

from pages import API, CATALOG, EXPORT, SEARCH  # benchmarks/pages.py

MAX_QUERIES = 15
# p95 in ms of the uncached page at the large size, per database engine.
LARGE_P95_MS = {
    CATALOG: {"sqlite": 150, "postgres": 100},
    SEARCH: {"sqlite": 100, "postgres": 100},
    API: {"sqlite": 100, "postgres": 100},
}
EXPORT_HIT_P95_MS = 50
MIN_HIT_RATIO = 0.5


def breaches(engine, size, large, result):
    """Readable lines, one per limit this database and size breached."""
    where = f"{engine}, {size}"
    lines = []
    for page in result["pages"]:
        if page["queries"] > MAX_QUERIES:
            lines.append(f"{where}: {page['name']}: {page['queries']} queries > {MAX_QUERIES}")
        limit = LARGE_P95_MS.get(page["limit"], {}).get(engine)
        p95 = page["p95_ms"] if page["p95_ms"] is not None else page["median_ms"]
        if large and limit and p95 > limit:
            lines.append(f"{where}: {page['name']}: p95 {p95:.0f} ms > {limit} ms (uncached)")
    for page in result["cache"]:
        p95 = page["hit_p95_ms"]
        if page["limit"] == EXPORT and p95 > EXPORT_HIT_P95_MS:
            lines.append(f"{where}: {page['name']}: hit p95 {p95:.0f} ms > {EXPORT_HIT_P95_MS} ms")
    for row in result["load"]:
        if row["name"].endswith("cache hit") and row["ratio"] < MIN_HIT_RATIO:
            ratio = f"{row['ratio']:.2f}× a static file of its size < {MIN_HIT_RATIO}×"
            lines.append(f"{where}: {row['name']}: {ratio}")
    return lines


def failures(engine, size, result):
    """Readable lines, one per failed request or unexpected cache answer."""
    where = f"{engine}, {size}"
    lines = [
        f"{where}: {page['name']}: X-Page-Cache {page['miss_status']} then "
        f"{'/'.join(map(str, page['hit_statuses']))}, expected miss then hit"
        for page in result["cache"]
        if not page["ok"]
    ]
    lines += [
        f"{where}: wrk {row['name']}: {row['not_200']} non-200, {row['socket_errors']} socket "
        f"errors, {row['not_hit']} answers not a hit"
        + (f"; a request after it: {row['failure_sample']}" if "failure_sample" in row else "")
        for row in result["load"]
        if row["errors"]
    ]
    return lines
