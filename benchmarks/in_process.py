"""Timing the pages in process with Django's test client: the work a request costs the server.

Runs in run.py's --measure subprocess, with production settings, on one database at one size.
Two passes, chosen by the PAGE_CACHE_ENABLED the subprocess was started with:

- `uncached`: the page cache off, so every request renders; SQL queries per request and the median
  and p95 server time over `repeats` requests after one warm-up (or as many as fit in
  `page_seconds`, at least 5). A page whose warm-up took longer than SLOW_SECONDS is timed once,
  on the request after the warm-up (the first one may create image renditions).
- `cached`: the page cache on and emptied first; per page the first request (a miss: rendered and
  kept) and then `repeats` hits. Each answer's X-Page-Cache header is checked, and a page whose
  answers are not "miss" then "hit" is reported as such (`run.py` turns that into a failure).

Every request is sent without cookies, as the load generator sends them: a cookie a page set
(a CSRF token) would otherwise follow the visitor to the next page. Each comes from its own client
address, so that the site search's per-address rate limit (30 a minute) measures nothing here.
"""

import json
import statistics
import sys
import time
from contextlib import nullcontext

SLOW_SECONDS = 2.0
CACHE_HEADER = "X-Page-Cache"


def p95(samples):
    return statistics.quantiles(samples, n=20, method="inclusive")[18] if samples[1:] else None


class Pages:
    """The test client, with the query count and time of each GET."""

    def __init__(self):
        from django.test import Client

        self.client = Client(SERVER_NAME="127.0.0.1")
        self.sent = 0

    def get(self, url, count=False):
        """(SQL queries or 0, milliseconds, X-Page-Cache header or None); exits on a non-200."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.client.cookies.clear()
        self.sent += 1
        address = f"10.{self.sent >> 16 & 255}.{self.sent >> 8 & 255}.{self.sent & 255}"
        with CaptureQueriesContext(connection) if count else nullcontext([]) as queries:
            started = time.perf_counter()
            response = self.client.get(url, REMOTE_ADDR=address)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            sys.exit(f"FAILED: GET {url} answered {response.status_code}, expected 200")
        return len(queries), elapsed, response.headers.get(CACHE_HEADER)


def uncached(pages, repeats, page_seconds):
    client = Pages()
    results = []
    for page in pages:
        first_ms = client.get(page.url)[1]  # warm-up: image renditions, lazy imports
        queries, second_ms, _ = client.get(page.url, count=True)
        samples = [second_ms]
        if first_ms < SLOW_SECONDS * 1000:
            samples, stop_at = [], time.monotonic() + page_seconds
            while len(samples) < repeats and (len(samples) < 5 or time.monotonic() < stop_at):
                samples.append(client.get(page.url)[1])
        results.append(
            dict(
                page._asdict(),
                queries=queries,
                median_ms=statistics.median(samples),
                p95_ms=p95(samples),
                samples=len(samples),
            )
        )
    return results


def cached(pages, repeats):
    from django.core.cache import caches

    caches["pages"].clear()
    client = Pages()
    results = []
    for page in pages:
        miss_queries, miss_ms, miss_status = client.get(page.url, count=True)
        hit_queries, _, _ = client.get(page.url, count=True)
        hits = [client.get(page.url) for _ in range(repeats)]
        statuses = sorted({status for _, _, status in hits})
        samples = [ms for _, ms, _ in hits]
        results.append(
            dict(
                page._asdict(),
                miss_status=miss_status,
                miss_queries=miss_queries,
                miss_ms=miss_ms,
                hit_statuses=statuses,
                hit_queries=hit_queries,
                hit_median_ms=statistics.median(samples),
                hit_p95_ms=p95(samples),
                ok=miss_status == "miss" and statuses == ["hit"],
            )
        )
    return results


def measure(repeats, page_seconds):
    """Print the pass's results as JSON (the last line of output)."""
    import django

    django.setup()
    from django.conf import settings
    from pages import pages_to_measure  # benchmarks/pages.py, next to this script

    pages = pages_to_measure()
    if settings.PAGE_CACHE_ENABLED:
        print(json.dumps({"cache": cached(pages, repeats)}))
    else:
        print(json.dumps({"pages": uncached(pages, repeats, page_seconds)}))
