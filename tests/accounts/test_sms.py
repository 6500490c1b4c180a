"""The SMS backends: in-memory for tests, console for development, an HTTPS provider adapter."""

import io
import json
import urllib.error

import pytest

from accounts.sms import ConsoleBackend, HttpApiBackend, LocmemBackend, Sms, SmsError, send_sms


class FakeResponse:
    def __init__(self, status):
        self.status = status

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class FakeOpener:
    def __init__(self, status=200, error=None):
        self.status, self.error, self.requests = status, error, []

    def open(self, request, timeout):
        self.requests.append((request, timeout))
        if self.error:
            raise self.error
        return FakeResponse(self.status)


@pytest.fixture
def provider(settings):
    settings.SMS_API_URL = "https://sms.example.org/send"
    settings.SMS_API_KEY = "key-123"
    settings.SMS_SENDER = "SochiPortal"


def test_locmem_backend_is_used_in_tests(sms_outbox):
    send_sms("+79181112233", "код 123456")
    assert sms_outbox == [Sms(to="+79181112233", text="код 123456", sender="SochiPortal")]
    assert isinstance(sms_outbox, list) and sms_outbox is LocmemBackend.outbox


def test_console_backend_prints(capsys):
    ConsoleBackend().send(Sms("+79181112233", "код 123456", "Sochi"))
    assert "+79181112233" in capsys.readouterr().out


def test_http_backend_posts_json_with_the_key(provider):
    opener = FakeOpener()
    HttpApiBackend(opener=opener).send(Sms("+79181112233", "код 123456", "SochiPortal"))
    request, timeout = opener.requests[0]
    assert request.full_url == "https://sms.example.org/send" and request.get_method() == "POST"
    assert request.get_header("Authorization") == "Bearer key-123"
    assert json.loads(request.data) == {
        "from": "SochiPortal",
        "to": "+79181112233",
        "text": "код 123456",
    }
    assert timeout > 0


@pytest.mark.parametrize(
    "opener",
    [
        FakeOpener(status=500),
        FakeOpener(error=urllib.error.URLError("down")),
        FakeOpener(error=TimeoutError()),
        FakeOpener(error=urllib.error.HTTPError("https://x", 401, "no", {}, io.BytesIO())),
    ],
)
def test_http_backend_failures_raise_sms_error(provider, opener):
    with pytest.raises(SmsError):
        HttpApiBackend(opener=opener).send(Sms("+79181112233", "код", "SochiPortal"))


def test_http_backend_refuses_plain_http(settings):
    settings.SMS_API_URL = "http://sms.example.org/send"
    with pytest.raises(SmsError):
        HttpApiBackend(opener=FakeOpener()).send(Sms("+7918", "код", "x"))
