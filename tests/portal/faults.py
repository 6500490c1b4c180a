"""Faults for tests of what survives them: a database refusing writes, mail servers that fail."""

import contextlib
import socket
import threading

from django.db import connection


@contextlib.contextmanager
def database_refusing_writes():
    """The default database answers reads and refuses every write, as a read-only replica does.

    PostgreSQL: new transactions start read-only, so the test must not hold one open
    (`django_db(transaction=True)`). SQLite: `PRAGMA query_only`, which applies at once.
    """
    if connection.vendor == "postgresql":
        statements = (
            "SET default_transaction_read_only = on",
            "SET default_transaction_read_only = off",
        )
    else:
        statements = ("PRAGMA query_only = ON", "PRAGMA query_only = OFF")
    with connection.cursor() as cursor:
        cursor.execute(statements[0])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(statements[1])


class SilentServer:
    """A TCP server on 127.0.0.1 that accepts connections and never answers: a hung mail server."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = []
        self.accepted = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:  # closed
                return
            self.connections.append(client)
            self.accepted.set()

    def close(self):
        self.listener.close()
        for client in self.connections:
            client.close()


def closed_port():
    """A local port nobody listens on: connecting is refused at once."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]
