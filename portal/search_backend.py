"""Wagtail's database search backend with Russian word forms on every database.

PostgreSQL stems with its own `russian` text-search configuration (SEARCH_CONFIG). SQLite's FTS5
has no Russian stemmer, so on SQLite both the indexed text and the query are reduced to Snowball
stems here, the same algorithm PostgreSQL uses: "кошки" and "кошка" both become "кошк".
"""

import re
from functools import lru_cache

import snowballstemmer
from modelsearch.backends.database import SearchBackend as DatabaseBackend
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk

WORD = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("russian")


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.lower().replace("ё", "е"))


def stem_text(text: str) -> str:
    return " ".join(stem(word) for word in WORD.findall(text))


class RussianObjectIndexer(sqlite.ObjectIndexer):
    @property
    def title(self):
        return stem_text(super().title)

    @property
    def body(self):
        return stem_text(super().body)


class RussianSQLiteIndex(sqlite.SQLiteIndex):
    """SQLiteIndex.add_items with the stemming indexer; otherwise the library's own logic."""

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        indexers = [RussianObjectIndexer(obj, self.backend) for obj in objs]
        if not indexers:
            return
        content_type_pk = get_content_type_pk(model)
        data = {
            i.id: {"title": i.title, "autocomplete": i.autocomplete, "body": i.body}
            for i in indexers
        }
        entries = self.entries.filter(content_type_id=content_type_pk)
        indexed_ids = set(entries.filter(object_id__in=data).values_list("object_id", flat=True))
        for object_id in indexed_ids:
            entries.filter(object_id=object_id).update(**data[object_id])
        self.entries.bulk_create(
            sqlite.IndexEntry(content_type_id=content_type_pk, object_id=object_id, **fields)
            for object_id, fields in data.items()
            if object_id not in indexed_ids
        )
        self._refresh_title_norms()


class RussianSQLiteQueryCompiler(sqlite.SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            query = PlainText(
                stem_text(query.query_string), operator=query.operator, boost=query.boost
            )
        elif isinstance(query, Phrase):
            query = Phrase(stem_text(query.query_string))
        return super().build_search_query_content(query, config=config)


class RussianSQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    index_class = RussianSQLiteIndex
    query_compiler_class = RussianSQLiteQueryCompiler


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = DatabaseBackend(params)
    if isinstance(backend, sqlite.SQLiteSearchBackend):
        return RussianSQLiteSearchBackend(params)
    return backend
