"""Metrics for a Prometheus scraper at /metrics, answered only to METRICS_ALLOWED_ADDRESSES.

Counted as requests are served (MetricsMiddleware): requests by view, method and status class,
their latency and SQL query count by view, and the page cache's answers (hit, miss, pass). Read
from the database at each scrape (`GAUGES`, one query each): the e-mail outbox and the task queue
(how many wait, and for how long: the figures /healthz reports) and what apps add with
`gauge(...)`, such as the votes cast in the last minute.

Several gunicorn workers each count their own requests: with PROMETHEUS_MULTIPROC_DIR set (an
empty folder per start, see README), prometheus_client keeps the counts in files there and a
scrape of any worker adds them up.
"""

import ipaddress
import logging
import os
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, HttpResponseNotFound
from django.views.decorators.cache import never_cache
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client import REGISTRY as PROCESS_REGISTRY
from prometheus_client.core import GaugeMetricFamily

from portal.page_cache.middleware import STATUS_HEADER
from portal.ratelimit import client_ip

REQUESTS = Counter("portal_requests_total", "Requests answered", ["view", "method", "status"])
LATENCY = Histogram(
    "portal_request_seconds",
    "Time from the first middleware to the response",
    ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
QUERIES = Histogram(
    "portal_request_queries",
    "SQL queries a request ran",
    ["view"],
    buckets=(0, 1, 2, 5, 10, 15, 20, 30, 50, 100),
)
PAGE_CACHE = Counter("portal_page_cache_total", "Page cache answers", ["result"])

logger = logging.getLogger(__name__)

# The label of a request that no view answered: a page cache hit, a redirect by middleware.
NO_VIEW = "-"
# Methods counted by name; any other a client invents is "other" (labels must stay few).
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


# Functions read at each scrape, each giving (name, documentation, value) of its gauges.
GAUGES: list[Callable[[], Iterable[tuple[str, str, float]]]] = []


def gauges(read):
    """Register a function whose gauges are read at each scrape (a decorator)."""
    GAUGES.append(read)
    return read


class ScrapeTimeCollector:
    """The GAUGES, read when scraped; a function that fails is left out of that scrape."""

    def collect(self):
        for read in GAUGES:
            try:
                figures = list(read())
            except Exception:  # noqa: BLE001 - one broken reading must not hide the others
                logger.exception("Metrics: %s unreadable", read.__qualname__)
                continue
            for name, documentation, value in figures:
                family = GaugeMetricFamily(name, documentation)
                family.add_metric([], value)
                yield family


PROCESS_REGISTRY.register(ScrapeTimeCollector())


def registry():
    """What a scrape reads: every worker's counts in multiprocess mode, else this process's."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return PROCESS_REGISTRY
    from prometheus_client import multiprocess

    scraped = CollectorRegistry()
    multiprocess.MultiProcessCollector(scraped)
    scraped.register(ScrapeTimeCollector())
    return scraped


@gauges
def backlog():
    """The outbox and the task queue, as /healthz reports them."""
    from portal.health import backlog_figures

    figures = backlog_figures()
    if figures is None:
        return []
    return [
        ("portal_mail_pending", "E-mails waiting to be sent", figures["mail_pending"]),
        (
            "portal_mail_oldest_pending_seconds",
            "Age of the oldest e-mail due to be sent",
            figures["mail_oldest_pending_seconds"],
        ),
        ("portal_mail_failed", "E-mails given up on", figures["mail_failed"]),
        ("portal_tasks_ready", "Background tasks due to run", figures["tasks_ready"]),
        (
            "portal_tasks_oldest_ready_seconds",
            "Age of the oldest background task due to run",
            figures["tasks_oldest_ready_seconds"],
        ),
    ]


def allowed(request):
    address = client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net) for net in settings.METRICS_ALLOWED_ADDRESSES)


@never_cache
def metrics_view(request):
    """The exposition text; a plain 404 to any other address (the path is not advertised)."""
    if not allowed(request):
        return HttpResponseNotFound()
    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)


class MetricsMiddleware:
    """Counts each request by the view that answered it (its URL name), outside the page cache,
    so that hits are counted too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        queries = [0]

        def count(execute, sql, params, many, context):
            queries[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = (match.view_name or match._func_path) if match else NO_VIEW
        method = request.method if request.method in METHODS else "other"
        REQUESTS.labels(view, method, f"{response.status_code // 100}xx").inc()
        LATENCY.labels(view).observe(time.perf_counter() - started)
        QUERIES.labels(view).observe(queries[0])
        if response.has_header(STATUS_HEADER):
            PAGE_CACHE.labels(response[STATUS_HEADER]).inc()
        return response
