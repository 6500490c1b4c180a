"""Russian-stemming variant of modelsearch's SQLite FTS5 backend (see portal.search_backend).

Imported only on SQLite: the library's SQLite module needs the FTS model that exists only there.
"""

from django.db.models import Case, IntegerField, Value, When
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.query import MatchAll, Not, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from portal.search_backend import stem_text

# Relevance ranking keeps this many best matches; a site search reader never pages further.
MAX_RANKED_RESULTS = 1000


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
    def search(self, config, start, stop, score_field=None):
        """Rank by relevance in one pass over the full-text matches.

        The library ranks with a correlated subquery that reruns the full-text match for every
        hit, which grows with the square of the number of hits (30 s for 10,000 news matching
        one word). Here one query scores and sorts the matches and the best MAX_RANKED_RESULTS
        are returned in that order.
        """
        query = normalize(self.query)
        if (
            not self.order_by_relevance
            or score_field is not None
            or isinstance(query, (MatchAll, Not))
        ):
            return super().search(config, start, stop, score_field)
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        ranked = (
            sqlite.SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model)
            )
            .annotate(score=self._build_rank_expression(self.get_search_vectors(), config))
            .order_by("score")
            .values_list("index_entry__object_id", flat=True)[:MAX_RANKED_RESULTS]
        )
        to_pk = self.queryset.model._meta.pk.to_python
        order = [to_pk(object_id) for object_id in ranked]
        if not order:
            return self.queryset.none()
        position = Case(
            *[When(pk=pk, then=Value(number)) for number, pk in enumerate(order)],
            output_field=IntegerField(),
        )
        results = self.queryset.filter(pk__in=order).annotate(_relevance=position)
        return results.order_by("_relevance")[start:stop]

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
