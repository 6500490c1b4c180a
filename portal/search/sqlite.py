"""Russian-stemming variant of modelsearch's SQLite FTS5 backend (see portal.search.backend).

Imported only on SQLite: the library's SQLite module needs the FTS model that exists only there.

Weights. The FTS table has two columns a search looks in, `title` and `body`. The title tier (a
page's title, a record's name: boost TITLE_BOOST) fills `title`; the other fields fill `body`, each
written as many times as its boost (a lead three times): FTS5's bm25 multiplies a column's hits by
the column's weight before saturating them, so repeating a field is exactly how a weight works
inside one column. A row's rank is, as on PostgreSQL, its title's score × TITLE_BOOST × title_norm
(shorter titles first) + its body's bm25. bm25 divides by the length of the whole row, so a long
article would lose its title hit to a short page's passing mention: the title is scored with so
heavy a column weight (TITLE_SATURATION) that bm25 saturates, and counts only which query words the
title holds (their idf), whatever the body's length. A title hit outweighs any body unless the
title is ten times longer than the average.
"""

from django.db.models import (
    BigIntegerField,
    Case,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.index import SearchField
from modelsearch.query import MatchAll, Not, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from portal.search.backend import BODY_BOOST, LEAD_BOOST, TITLE_BOOST, is_title_field, stem_text

# Relevance ranking through search() (the admin's searches) keeps this many best matches; the
# site search counts and ranks every match itself (portal.search.backend.best_matches).
MAX_RANKED_RESULTS = 1000
TITLE_SATURATION = 1000


def body_repeats(field):
    """How many times a body-column field is written: its boost, from BODY_BOOST to LEAD_BOOST."""
    return max(BODY_BOOST, min(LEAD_BOOST, round(field.boost or BODY_BOOST)))


class RussianObjectIndexer(sqlite.ObjectIndexer):
    def _stemmed(self, in_title):
        texts = []
        for field in self.search_fields:
            for current, value in self.prepare_field(self.obj, field):
                if not isinstance(current, SearchField) or is_title_field(current) != in_title:
                    continue
                texts.extend([value] * (1 if in_title else body_repeats(current)))
        return stem_text(" ".join(texts))

    @cached_property
    def title(self):
        return self._stemmed(in_title=True)

    @cached_property
    def body(self):
        return self._stemmed(in_title=False)


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


class ColumnBM25(Func):
    """bm25() of the FTS table over one column, the others weighted 0 (the FTS table's columns
    are autocomplete, body, title). Negative: the better the match, the lower."""

    output_field = FloatField()

    def __init__(self, column, weight=1):
        super().__init__()
        self.weights = {"autocomplete": 0, "body": 0, "title": 0, column: weight}

    def as_sql(self, compiler, connection, **extra_context):
        weights = ", ".join(str(self.weights[name]) for name in ("autocomplete", "body", "title"))
        return f"bm25({sqlite.SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


def bm25_rank(title_norm):
    """Lower is better, like the library's: see the module docstring for the weights.
    `title_norm`: the path to the index entry's title_norm from the rows ranked."""
    title = ColumnBM25("title", TITLE_SATURATION) * F(title_norm)
    return title * TITLE_BOOST + ColumnBM25("body")


def matching_ids(compiler):
    """portal.search.backend.text_search on SQLite: the ids of the compiler's model whose FTS row
    matches the stemmed words, as a subquery. The MATCH is its own inner subquery, so that SQLite
    runs it once, rather than once per index entry of the model as a join would."""
    matches = sqlite.SQLiteFTSIndexEntry.objects.filter(_match(compiler)).values("pk")
    return sqlite.IndexEntry.objects.filter(
        content_type__in=get_descendants_content_types_pks(compiler.queryset.model),
        pk__in=matches,
    ).values("object_id")


def by_rank(compiler, queryset):
    """portal.search.backend.by_relevance on SQLite: the FTS table joined to the records through
    their index entries, so that bm25() ranks them; best first, then by primary key."""
    ranked = queryset.filter(Q(index_entries__sqliteftsindexentry__isnull=False), _match(compiler))
    return ranked.order_by(bm25_rank("index_entries__title_norm").asc(), "pk")


def scored_entries(compiler):
    """The FTS rows matching the compiler's words, annotated as portal.search.backend's
    scored_matches reads them; the score is the negated rank (higher is better). The kind is
    the content type plus 0, so that SQLite cannot look the entries up by their content type
    index and run the MATCH once per entry of the model (a second for 20,000 products): the
    full-text match drives the query, once."""
    return sqlite.SQLiteFTSIndexEntry.objects.filter(_match(compiler)).annotate(
        match_pk=Cast("index_entry__object_id", BigIntegerField()),
        match_kind=F("index_entry__content_type") + 0,
        match_score=-bm25_rank("index_entry__title_norm"),
    )


def _match(compiler):
    return MatchExpression(
        compiler.FTS_TABLE_FIELDS, compiler.build_search_query(normalize(compiler.query))
    )


class RussianSQLiteQueryCompiler(sqlite.SQLiteSearchQueryCompiler):
    def _build_rank_expression(self, vectors, config):
        return bm25_rank("index_entry__title_norm")

    def search(self, config, start, stop, score_field=None):
        """Rank by relevance in one pass over the full-text matches.

        The library ranks with a correlated subquery that reruns the full-text match for every
        hit, which grows with the square of the number of hits (30 s for 10,000 news matching
        one word). Here one query scores and sorts the matches and the best MAX_RANKED_RESULTS
        are returned in that order. A requested score (`annotate_score`) is the negated rank, so
        that here as on PostgreSQL and Elasticsearch a higher score is a better match.
        """
        query = normalize(self.query)
        if not self.order_by_relevance or isinstance(query, (MatchAll, Not)):
            return super().search(config, start, stop, score_field)
        match = MatchExpression(
            self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )
        ranked = (
            sqlite.SQLiteFTSIndexEntry.objects.filter(match)
            .filter(
                index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model)
            )
            .annotate(rank=self._build_rank_expression(None, config))
            .order_by("rank")
            .values_list("index_entry__object_id", "rank")[:MAX_RANKED_RESULTS]
        )
        to_pk = self.queryset.model._meta.pk.to_python
        scores = {}
        for object_id, rank in ranked:
            scores.setdefault(to_pk(object_id), -rank)
        if not scores:
            return self.queryset.none()
        position = Case(
            *[When(pk=pk, then=Value(number)) for number, pk in enumerate(scores)],
            output_field=IntegerField(),
        )
        results = self.queryset.filter(pk__in=scores).annotate(_relevance=position)
        if score_field is not None:
            score = Case(
                *[When(pk=pk, then=Value(value)) for pk, value in scores.items()],
                output_field=FloatField(),
            )
            results = results.annotate(**{score_field: score})
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
