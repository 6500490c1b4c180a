"""The anonymous page cache: each public response rendered once per change, shared by all processes.

A response is kept with the tables its rendering read (`tables`), each with the table's current
token; any write to a table, wherever it happens (a view, the admin, a task, a management command,
a `queryset.update()`), gives the table a new token after its transaction commits, so the next
request finds the kept response out of date and renders afresh. Nothing relies on a TTL.

What is never shared: requests with a session (signed-in visitors, anonymous favourites), with
queued messages, non-GET requests, the admin and the cabinets, responses that set cookies or
wrote to the database. A page with a form keeps a placeholder where the CSRF token was; each
visitor gets their own token when the page is served (`middleware`).
"""

import contextvars
import datetime

from django.utils import timezone

# The earliest moment the response being rendered stops being true (a contest's voting opens).
_valid_until = contextvars.ContextVar("page_cache_valid_until", default=None)


def valid_until(moment: datetime.datetime) -> None:
    """Say that what is being rendered changes at `moment` without any write (a clock edge).

    Code that reads the clock calls it with the next instant its answer changes; outside a
    cached request it does nothing. Calendar dates need no call: the date is part of the key.
    """
    current = _valid_until.get()
    if moment > timezone.now() and (current is None or moment < current):
        _valid_until.set(moment)
