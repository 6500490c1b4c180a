"""Shared pieces of the race tests: real concurrent transactions, on PostgreSQL only.

SQLite serialises writers on one file lock, so these races cannot happen there and the tests are
skipped on it: run them with DATABASE_URL=postgres://… (CI does).
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

# pytestmark of a module of race tests.
POSTGRES_RACES = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises all writes, so there is no race to test",
    ),
]

# PostgreSQL's default max_connections is 100 (shared with other test runs): at most this many
# threads hold a connection at once; the others wait at the gate, already past the barrier.
MAX_CONNECTIONS = 40


def run_together(count, action):
    """Run action(i) in `count` threads released at the same instant; return results/errors."""
    barrier = threading.Barrier(count)
    gate = threading.BoundedSemaphore(min(count, MAX_CONNECTIONS))

    def worker(number):
        try:
            barrier.wait()
            with gate:
                return action(number)
        except Exception as error:  # noqa: BLE001 (collected and checked by the test)
            return error
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(worker, range(count)))
