"""Russian-stemming variant of modelsearch's SQLite FTS5 backend (see portal.search_backend).

Imported only on SQLite: the library's SQLite module needs the FTS model that exists only there.
"""

from modelsearch.backends.database.sqlite import sqlite
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from portal.search_backend import stem_text


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
