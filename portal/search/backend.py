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
filters, facet counts and pages narrow the rows in SQL, whatever the number of matches.
"""

import re
from functools import lru_cache

import snowballstemmer
from django.db import connection
from django.db.models import BigIntegerField, F
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
    # alone: the catalogs' primary keys are integers, the entries' object ids text.
    index_entries = get_app_config().get_model("IndexEntry").objects
    matching = (
        index_entries.filter(content_type__in=get_descendants_content_types_pks(queryset.model))
        .alias(text_vector=CombinedExpression(F("title"), "||", F("body")))
        .filter(text_vector=compiler.build_tsquery(compiler.query, config=config))
        .values(object_pk=Cast("object_id", BigIntegerField()))
    )
    return queryset.filter(pk__in=matching)


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


def _compiler(model, text):
    """(backend, the backend's query compiler of `text`, every word required, over `model`)."""
    backend = database_backend()
    query = PlainText(text, operator="and")
    return backend, backend.query_compiler_class(model._base_manager.all(), query)
