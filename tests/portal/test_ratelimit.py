"""portal.ratelimit: a window per scope and client that opens with the first request."""

import pytest
import time_machine
from django.test import RequestFactory

from portal.ratelimit import allow, client_ip


@pytest.fixture
def tight_limit(settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "test": (3, 60)}


def test_requests_over_the_limit_are_refused(tight_limit):
    with time_machine.travel("2026-11-26 10:00:05", tick=False):
        assert [allow("test", "10.0.0.1") for _ in range(4)] == [True, True, True, False]


def test_clients_and_scopes_are_counted_apart(tight_limit, settings):
    settings.PORTAL_RATE_LIMITS["other"] = (1, 60)
    with time_machine.travel("2026-11-26 10:00:05", tick=False):
        for _ in range(3):
            allow("test", "10.0.0.1")
        assert allow("test", "10.0.0.2") is True
        assert allow("other", "10.0.0.1") is True


def test_the_window_lasts_the_period_from_the_first_request(tight_limit):
    with time_machine.travel("2026-11-26 10:00:50", tick=False):
        for _ in range(3):
            allow("test", "10.0.0.1")
    # Across a minute boundary, within the period: still the same window.
    with time_machine.travel("2026-11-26 10:01:10", tick=False):
        assert allow("test", "10.0.0.1") is False
    with time_machine.travel("2026-11-26 10:01:51", tick=False):
        assert allow("test", "10.0.0.1") is True


def test_unknown_scope_is_a_programming_error():
    with pytest.raises(KeyError):
        allow("no-such-scope", "10.0.0.1")


def test_forwarded_address_is_trusted_only_behind_a_configured_proxy(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5"
    )
    settings.PORTAL_TRUSTED_PROXIES = 0
    assert client_ip(request) == "10.0.0.9"
    settings.PORTAL_TRUSTED_PROXIES = 1
    assert client_ip(request) == "203.0.113.5"  # the spoofable first hop is ignored
