"""Table tokens: what a response read, and a new token for every table a committed write touched.

Every database connection gets one execute wrapper (installed when the connection opens). A
write statement names its table; the table's token is replaced once the transaction commits (at
once in autocommit), so a response rendered from the old rows can no longer be served. While a
request is rendered (`Reading`), the first statement that reads a table fetches that table's
token *before* it runs: a write that commits after it replaces the token, so what was read is
never kept under a token newer than the rows it saw.

A token is a random string, not a counter: a token the cache evicted comes back as a new random
one, never as an old value that a kept response might still hold. It begins with the second it
was made (rounded up), so the latest token of the tables a response read dates the response: no
write to them since (`Reading.changed_at`).
"""

import contextvars
import datetime
import math
import re
import time
import uuid
from functools import cache, partial

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.backends.signals import connection_created
from django.dispatch import receiver

from portal.page_cache import purge

CACHE_ALIAS = "pages"
KEY_PREFIX = "table:"
GENERATION_KEY = "tables-generation"

_WRITE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?(\w+)',
    re.IGNORECASE,
)
_TRUNCATE = re.compile(r"^\s*TRUNCATE\b", re.IGNORECASE)
_QUOTED = re.compile(r'"(\w+)"')
# Any word of a statement may name a table: raw SQL (the search backends) need not quote them.
_WORD = re.compile(r"\w+")

_reading = contextvars.ContextVar("page_cache_reading", default=None)


def enabled() -> bool:
    return settings.PAGE_CACHE_ENABLED


def store():
    return caches[CACHE_ALIAS]


@cache
def known_tables() -> frozenset[str]:
    """Every table of every model, many-to-many tables and search index tables included."""
    return frozenset(model._meta.db_table for model in apps.get_models(include_auto_created=True))


def _key(table):
    return KEY_PREFIX + table


def new_token() -> str:
    return f"{math.ceil(time.time())}-{uuid.uuid4().hex}"


def token_moment(token: str) -> datetime.datetime | None:
    """When the token was made, None for a token without its time."""
    seconds, _, rest = token.partition("-")
    if not rest or not seconds.isdigit():
        return None
    return datetime.datetime.fromtimestamp(int(seconds), tz=datetime.UTC)


def _read_or_create(key):
    """The value at `key`, a new random one if there is none; (value, whether it is new)."""
    fresh = new_token()
    # add(): of two processes creating the same value at once, both keep the winner's.
    if store().add(key, fresh, None):
        return fresh, True
    return store().get(key, fresh), False


# (generation, {table: token}): the tokens this process has read, good while the generation they
# were read under is current. Every replacement of a token also replaces the generation (after
# the token), so one read of the generation tells whether any token may have changed since: a
# kept page is checked with two reads (itself and the generation), not one per table it read.
# One tuple, replaced whole, so that a thread never pairs one generation with other tokens.
_seen = (None, {})


def current_tokens(tables) -> dict[str, str]:
    """The token of each table, creating one for a table that has none (new or evicted)."""
    global _seen
    generation = store().get(GENERATION_KEY) or _read_or_create(GENERATION_KEY)[0]
    seen_generation, seen = _seen
    if seen_generation != generation:
        seen = {}
    missing = [table for table in tables if table not in seen]
    if missing:
        # Read after the generation: a token replaced from here on replaces the generation too.
        keys = {_key(table): table for table in missing}
        seen = {**seen, **{keys[key]: token for key, token in store().get_many(keys).items()}}
        for table in missing:
            if table not in seen:
                seen[table], created = _read_or_create(_key(table))
                if created:  # an evicted token: other processes still hold the old one
                    store().set(GENERATION_KEY, uuid.uuid4().hex, None)
        _seen = (generation, seen)
    return {table: seen[table] for table in tables}


def replace_tokens(tables) -> None:
    """Out-date every kept response that read any of `tables` (and a proxy's copy of it)."""
    # One write: the tokens, then (last, as a dict keeps its order) the generation.
    fresh = {_key(table): new_token() for table in tables}
    store().set_many({**fresh, GENERATION_KEY: uuid.uuid4().hex}, None)
    if purge.enabled():
        purge.purge_after(store(), tables)


class Reading:
    """The tables one request's rendering read, with their tokens as they were before reading."""

    def __init__(self):
        self.tokens: dict[str, str] = {}
        self.written: set[str] = set()

    def __enter__(self):
        self._reset = _reading.set(self)
        return self

    def __exit__(self, *exc):
        _reading.reset(self._reset)

    def changed_at(self) -> datetime.datetime | None:
        """The latest moment any table read so far was written (or its token made anew)."""
        moments = [token_moment(token) for token in self.tokens.values()]
        return max((moment for moment in moments if moment is not None), default=None)

    def note_read(self, sql):
        new = {
            name
            for name in _WORD.findall(sql)
            if name not in self.tokens and name in known_tables()
        }
        if new:
            self.tokens.update(current_tokens(new))


def current_reading() -> Reading | None:
    """The rendering in progress in this context, None outside one."""
    return _reading.get()


def written_tables(sql) -> set[str]:
    if match := _WRITE.match(sql):
        return {match.group(1)}
    if _TRUNCATE.match(sql):
        return set(_QUOTED.findall(sql))
    return set()


class _Pending:
    """Tables written in the connection's open transaction whose tokens wait for its commit.

    Django replaces `connection.run_on_commit` with a new list on commit, on rollback and on a
    savepoint rollback (which drops the hooks registered inside it); a new list therefore means
    the hooks registered so far are gone or have run, and each table needs its hook again.
    """

    def __init__(self):
        self.hooks = None
        self.tables = set()

    def register(self, connection, tables):
        if self.hooks is not connection.run_on_commit:
            self.hooks, self.tables = connection.run_on_commit, set()
        new = tables - self.tables
        if new:
            self.tables |= new
            transaction.on_commit(partial(replace_tokens, new), using=connection.alias)


def _track(execute, sql, params, many, context):
    if not enabled() or not isinstance(sql, str):
        return execute(sql, params, many, context)
    reading = _reading.get()
    written = written_tables(sql)
    if reading is not None:
        if written:
            reading.written |= written
        else:
            reading.note_read(sql)
    result = execute(sql, params, many, context)
    if written:
        connection = context["connection"]
        if connection.in_atomic_block:
            pending = connection.__dict__.setdefault("_page_cache_pending", _Pending())
            pending.register(connection, written)
        else:
            replace_tokens(written)
    return result


@receiver(connection_created, dispatch_uid="page_cache_track_tables")
def _install(sender, connection, **kwargs):
    if _track not in connection.execute_wrappers:
        connection.execute_wrappers.append(_track)
