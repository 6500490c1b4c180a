"""Wagtail's database search backend with Russian word forms on every database.

PostgreSQL stems with its own `russian` text-search configuration (SEARCH_CONFIG). SQLite's FTS5
has no Russian stemmer, so on SQLite both the indexed text and the query are reduced to Snowball
stems here, the same algorithm PostgreSQL uses: "кошки" and "кошка" both become "кошк".
"""

import re
from functools import lru_cache

import snowballstemmer
from django.db import connection
from modelsearch.backends.database import SearchBackend as DatabaseBackend

WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("russian")


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.lower().replace("ё", "е"))


def stem_text(text: str) -> str:
    return " ".join(stem(word) for word in WORD.findall(text))


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = DatabaseBackend(params)
    if connection.vendor == "sqlite":
        # Imported here: the library's SQLite module only loads where its FTS model exists.
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        from portal.search_sqlite import RussianSQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):
            return RussianSQLiteSearchBackend(params)
    return backend
