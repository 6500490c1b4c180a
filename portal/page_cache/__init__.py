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


def valid_until(*moments: datetime.datetime) -> None:
    """Say that what is being rendered changes at these instants without any write (clock edges).

    Code that reads the clock calls it with the instants its answer changes at; those already
    past are ignored, and the kept response lives until the earliest of the rest. Outside a
    cached request it changes nothing. The local date needs no call: it is part of the key.
    """
    now = timezone.now()
    future = [moment for moment in moments if moment > now]
    current = _valid_until.get()
    if future and (current is None or min(future) < current):
        _valid_until.set(min(future))


def out_date_table(table: str) -> None:
    """Out-date every kept response that read `table`, for a change made outside the database
    (a search cluster's index of its rows)."""
    from portal.page_cache.tables import enabled, replace_tokens

    if enabled():
        replace_tokens([table])


def read_tables_changed_at() -> datetime.datetime | None:
    """While a shared response is rendered: the latest moment a table it has read so far was
    written, as the tables' tokens tell (a token made anew, after an eviction, counts as a write
    then). None outside such a rendering. It moves with every committed write to those tables,
    deletions included, so it can date the response (Last-Modified)."""
    from portal.page_cache.tables import current_reading

    reading = current_reading()
    return reading.changed_at() if reading is not None else None
