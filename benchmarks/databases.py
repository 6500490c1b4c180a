"""The databases `make bench` fills: SQLite files or PostgreSQL databases, one per size.

Why a template: `migrate` and `load_demo` take longer than seeding the small size, and their result
is the same for every size. They run once per engine into a template database, and each size
starts from a copy of it (a file copy for SQLite, `CREATE DATABASE … TEMPLATE …` for PostgreSQL).
"""

import shutil
from urllib.parse import urlsplit


class SQLiteDatabases:
    """Database files in the run's temporary directory."""

    engine = "sqlite"
    label = "SQLite"

    def __init__(self, tmp):
        self.tmp = tmp

    def url(self, name):
        return f"sqlite:///{self.tmp / f'{name}.sqlite3'}"

    def create_template(self):
        return self.url("template")

    def copy_template(self, name):
        shutil.copyfile(self.tmp / "template.sqlite3", self.tmp / f"{name}.sqlite3")
        return self.url(name)

    def version(self):
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"

    def drop_all(self):
        """The files go with the temporary directory."""


class PostgresDatabases:
    """Databases named `<prefix>template`, `<prefix>small`, … on one PostgreSQL server; each is
    dropped first if a previous run left it, and all are dropped at the end."""

    engine = "postgres"
    label = "PostgreSQL"

    def __init__(self, server_url, prefix):
        self.server = urlsplit(server_url.rstrip("/"))
        self.prefix = prefix
        self.created = []

    def url(self, name):
        return self.server._replace(path=f"/{self.prefix}{name}").geturl()

    def _admin(self, *statements):
        import psycopg

        admin_url = self.server._replace(path="/postgres").geturl()
        with psycopg.connect(admin_url, autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement)

    def _recreate(self, name, template=None):
        database = f'"{self.prefix}{name}"'
        create = f"CREATE DATABASE {database}"
        if template:
            create += f' TEMPLATE "{self.prefix}{template}"'
        self._admin(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)", create)
        self.created.append(database)
        return self.url(name)

    def create_template(self):
        return self._recreate("template")

    def copy_template(self, name):
        return self._recreate(name, template="template")

    def version(self):
        import psycopg

        with psycopg.connect(self.server._replace(path="/postgres").geturl()) as connection:
            return "PostgreSQL " + connection.execute("SHOW server_version").fetchone()[0]

    def drop_all(self):
        self._admin(*(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)" for db in self.created))
        self.created = []
