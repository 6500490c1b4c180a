"""portal.request_id: one id per request, in the response and on every log line it writes."""

import logging
import re

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from portal.request_id import HEADER, NONE, RequestIdFilter, current

pytestmark = pytest.mark.django_db
PROXY_ID = "4f0c2a9e8b7d4c1a9e8b7d4c1a9e8b7d"


class Lines(logging.Handler):
    """The records a logger writes, through the filter the console handler uses."""

    def __init__(self):
        super().__init__()
        self.addFilter(RequestIdFilter())
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def request_log():
    lines = Lines()
    logger = logging.getLogger("django.request")
    logger.addHandler(lines)
    yield lines
    logger.removeHandler(lines)


def test_each_response_carries_a_new_id(client, home):
    first, second = client.get("/")[HEADER], client.get("/")[HEADER]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


def test_the_id_of_a_trusted_proxy_is_kept(client, home, settings):
    settings.PORTAL_TRUSTED_PROXIES = 1
    assert client.get("/", HTTP_X_REQUEST_ID=PROXY_ID)[HEADER] == PROXY_ID


@pytest.mark.parametrize("sent", ["short", "has spaces in it", "x" * 65, "<script>alert(1)"])
def test_a_malformed_id_is_replaced(client, home, settings, sent):
    settings.PORTAL_TRUSTED_PROXIES = 1
    assert client.get("/", HTTP_X_REQUEST_ID=sent)[HEADER] != sent


def test_without_a_trusted_proxy_a_sent_id_is_not_believed(client, home, settings):
    settings.PORTAL_TRUSTED_PROXIES = 0
    assert client.get("/", HTTP_X_REQUEST_ID=PROXY_ID)[HEADER] != PROXY_ID


def test_the_line_django_writes_after_the_middleware_carries_the_id(client, home, request_log):
    # "Not Found: /…" is logged once the middleware has returned the response.
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    [line] = [r for r in request_log.records if r.getMessage().startswith("Not Found")]
    assert line.request_id == response[HEADER]
    assert current.get() == NONE  # the finished request's id is gone


def test_a_line_outside_a_request_carries_a_dash(request_log):
    logging.getLogger("django.request").warning("from a command")
    assert request_log.records[-1].request_id == NONE


def test_the_formatters_print_the_id():
    from django.conf import settings

    for formatter in settings.LOGGING["formatters"].values():
        assert "%(request_id)s" in formatter.get("format", formatter.get("fmt"))
    assert "request_id" in settings.LOGGING["handlers"]["console"]["filters"]


def test_a_page_from_the_page_cache_carries_this_requests_id(client, home, page_cache):
    from portal.page_cache.middleware import STATUS_HEADER

    # The settings rows exist, so the first view writes nothing and is kept.
    first = client.get("/")
    second = client.get("/")
    assert second[STATUS_HEADER] == "hit"
    assert second[HEADER] != first[HEADER]


def test_the_deploy_check_warns_without_a_shared_store(settings):
    settings.REDIS_URL = ""
    with pytest.raises(SystemCheckError, match="portal.W001"):
        call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "caches")
    settings.REDIS_URL = "redis://127.0.0.1:6379/1"
    call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "caches")
