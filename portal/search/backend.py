"""Wagtail's database search backend with Russian word forms on every database.

PostgreSQL stems with its own `russian` text-search configuration (SEARCH_CONFIG). SQLite's FTS5
has no Russian stemmer, so on SQLite both the indexed text and the query are reduced to Snowball
stems here, the same algorithm PostgreSQL uses: "кошки" and "кошка" both become "кошк".

Every model's `index.SearchField`s carry one of three boosts, so that a hit weighs the same
whatever model it is in and the site search can merge its sections by relevance: a page's title
or a record's name (TITLE_BOOST), its lead, intro or summary (LEAD_BOOST), everything else
(BODY_BOOST). On PostgreSQL modelsearch turns the project's distinct boosts into the tsvector
weights A–D (10 → A = 1.0, 3 → B = 0.3, Wagtail's own Page title 2 → C = 0.2, 1 → D = 0.1;
see tests/portal/search/test_site_ranking.py); on SQLite portal.search.sqlite gives the title
tier its own FTS column and weighs the others inside the body column.
"""

import re
from functools import lru_cache

import snowballstemmer
from django.db import connection
from modelsearch.backends.database import SearchBackend as DatabaseBackend

WORD = re.compile(r"\w+", re.UNICODE)
TITLE_BOOST = 10
LEAD_BOOST = 3
BODY_BOOST = 1
_stemmer = snowballstemmer.stemmer("russian")


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.lower().replace("ё", "е"))


def stem_text(text: str) -> str:
    return " ".join(stem(word) for word in WORD.findall(text))


def is_title_field(field) -> bool:
    """A search field of the title tier: what modelsearch calls the title, or boosted like one."""
    return field.field_name == "title" or (field.boost or 0) >= TITLE_BOOST


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = DatabaseBackend(params)
    if connection.vendor == "sqlite":
        # Imported here: the library's SQLite module only loads where its FTS model exists.
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        from portal.search.sqlite import RussianSQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):
            return RussianSQLiteSearchBackend(params)
    return backend
