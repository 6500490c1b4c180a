"""portal.metrics: /metrics for a Prometheus scraper, counted per view, only for allowed
addresses."""

import logging

import pytest
from prometheus_client import REGISTRY

from portal import metrics
from portal.page_cache.middleware import STATUS_HEADER

pytestmark = pytest.mark.django_db


def sample(name, **labels):
    return REGISTRY.get_sample_value(name, labels) or 0


def test_the_scraper_on_an_allowed_address_reads_the_figures(client, home):
    response = client.get("/metrics")  # the test client's address: 127.0.0.1
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "private" in response["Cache-Control"]
    text = response.content.decode()
    for name in ("portal_requests_total", "portal_request_seconds", "portal_mail_pending"):
        assert name in text
    assert "portal_tasks_oldest_ready_seconds" in text


def test_any_other_address_gets_a_plain_404(client, home):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.7").status_code == 404


def test_networks_may_be_allowed(client, home, settings):
    settings.METRICS_ALLOWED_ADDRESSES = ["10.0.0.0/8"]
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404


def test_requests_are_counted_by_view_with_their_queries(client, home):
    labels = {"view": "wagtail_serve", "method": "GET", "status": "2xx"}
    before = sample("portal_requests_total", **labels)
    queries_before = sample("portal_request_queries_sum", view="wagtail_serve")
    assert client.get("/").status_code == 200
    assert sample("portal_requests_total", **labels) == before + 1
    assert sample("portal_request_queries_sum", view="wagtail_serve") > queries_before


def test_an_invented_method_is_counted_as_other(client, home):
    # Labels must stay few: a client's made-up method does not become one.
    labels = {"view": "wagtail_serve", "method": "other", "status": "4xx"}
    before = sample("portal_requests_total", **labels)
    assert client.generic("BREW", "/no-such-page/").status_code == 404
    assert sample("portal_requests_total", **labels) == before + 1
    assert sample("portal_requests_total", view="wagtail_serve", method="BREW", status="4xx") == 0


def test_page_cache_answers_are_counted(client, home, page_cache):
    before = sample("portal_page_cache_total", result="hit")
    answered = {"view": metrics.NO_VIEW, "method": "GET", "status": "2xx"}
    answered_before = sample("portal_requests_total", **answered)
    client.get("/")
    response = client.get("/")
    assert response[STATUS_HEADER] == "hit"
    assert sample("portal_page_cache_total", result="hit") == before + 1
    # Answered before any view: counted under "-", not under the page's view.
    assert sample("portal_requests_total", **answered) == answered_before + 1


def test_a_reading_that_fails_is_logged_and_the_others_still_answer(client, home, caplog):
    def broken():
        raise RuntimeError("database gone")

    metrics.GAUGES.insert(0, broken)
    try:
        with caplog.at_level(logging.ERROR, logger="portal.metrics"):
            response = client.get("/metrics")
    finally:
        metrics.GAUGES.remove(broken)
    assert response.status_code == 200
    assert "portal_mail_pending" in response.content.decode()
    assert "broken unreadable" in caplog.text
