"""Sending SMS through a pluggable backend chosen by settings.SMS_BACKEND.

- LocmemBackend keeps messages in `LocmemBackend.outbox` (tests read the codes from it);
- ConsoleBackend prints them (development);
- HttpApiBackend posts them to the provider at SMS_API_URL over HTTPS with SMS_API_KEY.

A backend raises SmsError when a message could not be handed over; callers keep what the user did
and let them retry.
"""

import json
import logging
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 10


class SmsError(Exception):
    """The message was not accepted for delivery."""


@dataclass(frozen=True)
class Sms:
    to: str
    text: str
    sender: str


class BaseBackend:
    def send(self, sms: Sms) -> None:
        raise NotImplementedError


class LocmemBackend(BaseBackend):
    """Keeps every message in a class-level list, as Django's locmem mail backend does."""

    outbox: list[Sms] = []

    def send(self, sms):
        LocmemBackend.outbox.append(sms)


class ConsoleBackend(BaseBackend):
    def send(self, sms):
        sys.stdout.write(f"SMS from {sms.sender} to {sms.to}: {sms.text}\n")
        sys.stdout.flush()


class HttpApiBackend(BaseBackend):
    """A generic HTTPS JSON provider: POST {"from", "to", "text"} with a bearer key; 2xx = accepted.

    `opener` is urllib's by default; tests give a fake one.
    """

    def __init__(self, opener=None):
        self.opener = opener or urllib.request.build_opener()

    def send(self, sms):
        url = settings.SMS_API_URL
        if not url.startswith("https://"):
            raise SmsError("SMS_API_URL must be an https:// address")
        body = json.dumps({"from": sms.sender, "to": sms.to, "text": sms.text}).encode()
        request = urllib.request.Request(  # noqa: S310 (https checked above)
            url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {settings.SMS_API_KEY}",
            },
        )
        try:
            with self.opener.open(request, timeout=TIMEOUT_SECONDS) as response:
                status = response.status
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise SmsError(f"SMS provider unreachable: {error}") from error
        if not 200 <= status < 300:
            raise SmsError(f"SMS provider answered {status}")


def get_backend():
    return import_string(settings.SMS_BACKEND)()


def send_sms(to, text):
    """Send one SMS through the configured backend; SmsError if it was not accepted."""
    sms = Sms(to=str(to), text=text, sender=settings.SMS_SENDER)
    try:
        get_backend().send(sms)
    except SmsError:
        logger.warning("SMS to %s not sent", sms.to, exc_info=True)
        raise
