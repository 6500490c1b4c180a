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

The catalogs and the shelter's subscriptions filter by a typed text with `text_search` (a subquery
on the same index, every word required) and order by its rank with `by_relevance`, so that their
filters, facet counts and pages narrow the rows in SQL, whatever the number of matches. The site
search reads `scored_matches`: the matching index entries with their scores, narrowed to the
public records, so that counting, grouping and taking the best few happen in one query
(`best_matches`).
"""

import re
from functools import lru_cache

import snowballstemmer
from django.db import connection
from django.db.models import BigIntegerField, F, TextField
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from modelsearch.backends.database import SearchBackend as DatabaseBackend
from modelsearch.conf import get_app_config
from modelsearch.query import PlainText
from modelsearch.utils import get_descendants_content_types_pks

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


def database_backend():
    """The database search backend, also when Elasticsearch is the default one."""
    from django.conf import settings
    from wagtail.search.backends import get_search_backend

    name = "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    return get_search_backend(name)


def text_search(queryset, text):
    """The queryset narrowed to the records matching every word of `text`, inside the database:
    membership in a subquery on the search index (Russian word forms on both databases), so that
    filters, counts and the page run on the narrowed rows without a list of ids."""
    backend, compiler = _compiler(queryset.model, text)
    if connection.vendor == "sqlite":
        from portal.search.sqlite import matching_ids

        return queryset.filter(pk__in=matching_ids(compiler))
    config = compiler.get_config(backend)
    # The library's own match (title || body of the record's index entry), on the index table
    # alone. The entries' object ids are text, unique within a content type: compared as text,
    # the database knows a record has one entry and joins without first removing duplicates
    # (twice as fast when every record matches).
    index_entries = get_app_config().get_model("IndexEntry").objects
    matching = (
        index_entries.filter(content_type__in=get_descendants_content_types_pks(queryset.model))
        .alias(text_vector=CombinedExpression(F("title"), "||", F("body")))
        .filter(text_vector=compiler.build_tsquery(compiler.query, config=config))
        .values("object_id")
    )
    return queryset.alias(text_search_key=Cast("pk", TextField())).filter(
        text_search_key__in=matching
    )


def by_relevance(queryset, text):
    """The queryset (of records matching `text`) ordered by the index's rank of the text, best
    first, then by primary key."""
    backend, compiler = _compiler(queryset.model, text)
    if connection.vendor == "sqlite":
        from portal.search.sqlite import by_rank

        return by_rank(compiler, queryset)
    config = compiler.get_config(backend)
    search_query = compiler.build_tsquery(compiler.query, config=config)
    vectors = compiler.get_index_vectors(search_query)
    return queryset.order_by(compiler._build_rank_expression(vectors, config).desc(), "pk")


def scored_matches(queryset, text):
    """The matches of `text` (every word) among the records of `queryset`, as rows of their
    index entries: match_pk, match_kind (the entry's content type: a page's own type) and
    match_score (higher is better, comparable across models: the boosts above). The rows are read
    from the index, matched once, and narrowed to the queryset by a subquery on its primary keys,
    so that counting, grouping and a slice of the best run in the database on the matches alone.
    (Joined from the records instead, each record would look its entry up by a cast id.)"""
    descendants = get_descendants_content_types_pks(queryset.model)
    return (
        _scored_entries(queryset.model, text)
        .filter(match_kind__in=descendants, match_pk__in=queryset.values("pk"))
        .order_by()
        .values("match_pk", "match_kind", "match_score")
    )


def _scored_entries(model, text):
    """Every index entry matching `text`, annotated as scored_matches reads them."""
    backend, compiler = _compiler(model, text)
    if connection.vendor == "sqlite":
        from portal.search.sqlite import scored_entries

        return scored_entries(compiler)
    config = compiler.get_config(backend)
    search_query = compiler.build_tsquery(compiler.query, config=config)
    vectors = [(F("title"), F("title_norm")), (F("body"), 1.0)]
    return (
        get_app_config()
        .get_model("IndexEntry")
        .objects.alias(text_vector=CombinedExpression(F("title"), "||", F("body")))
        .filter(text_vector=search_query)
        .annotate(
            match_pk=Cast("object_id", BigIntegerField()),
            match_kind=F("content_type"),
            match_score=compiler._build_rank_expression(vectors, config),
        )
    )


def _compiler(model, text):
    """(backend, the backend's query compiler of `text`, every word required, over `model`)."""
    backend = database_backend()
    query = PlainText(text, operator="and")
    return backend, backend.query_compiler_class(model._base_manager.all(), query)


def is_database_backend(name):
    """Whether the search backend configured as `name` is this database backend (else a search
    engine such as Elasticsearch)."""
    from django.conf import settings

    return settings.WAGTAILSEARCH_BACKENDS[name]["BACKEND"] == __name__


def best_matches(querysets, text, limit):
    """The count and the best `limit` matches of `text` of each kind (content type) among the
    records of each queryset, in one query: a list of (queryset number, kind, pk, score, count of
    its kind), best first within a kind.

    The index is matched once for all of them and the scored entries materialized (on SQLite
    bm25() works only in the query that matches, never under a window); each queryset takes its
    own from them by content type and a subquery on its primary keys; a window ranks and counts."""
    if not querysets:
        return []
    types = {kind for queryset in querysets for kind in descendant_types(queryset)}
    entries = _scored_entries(querysets[0].model, text).filter(match_kind__in=types)
    sql, params = (
        entries.order_by().values("match_kind", "match_pk", "match_score").query.sql_with_params()
    )
    parts = []
    for number, queryset in enumerate(querysets):
        kinds = descendant_types(queryset)
        records, record_params = queryset.order_by().values("pk").query.sql_with_params()
        placeholders = ", ".join(["%s"] * len(kinds))
        part = "SELECT {:d} AS match_search, match_kind, match_pk, match_score FROM entries"
        part += " WHERE match_kind IN ({}) AND match_pk IN ({})"
        parts.append(part.format(number, placeholders, records))
        params = [*params, *kinds, *record_params]
    # The parts are the ORM's own SQL with their parameters kept apart: nothing typed is inlined.
    sql = f"""
        WITH entries AS MATERIALIZED ({sql}),
        matches AS ({" UNION ALL ".join(parts)})
        SELECT match_search, match_kind, match_pk, match_score, kind_count FROM (
            SELECT matches.*,
                ROW_NUMBER() OVER (
                    PARTITION BY match_search, match_kind
                    ORDER BY match_score DESC, match_pk DESC
                ) AS place,
                COUNT(*) OVER (PARTITION BY match_search, match_kind) AS kind_count
            FROM matches
        ) AS ranked
        WHERE place <= %s
        ORDER BY match_search, match_kind, place"""  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        return cursor.fetchall()


def descendant_types(queryset):
    return sorted(get_descendants_content_types_pks(queryset.model))
