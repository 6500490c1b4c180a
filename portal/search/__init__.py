"""Search, in one place. Which piece does what:

backend.py   Wagtail's database search backend with Russian word forms (the default backend,
             WAGTAILSEARCH_BACKENDS), the three field boosts every model's search fields use, and
             the catalogs' text filter inside the database (`text_search`, `by_relevance`: a
             subquery on the full-text index, no id lists).
sqlite.py    The SQLite side of that backend: Snowball stems in FTS5, a title column.
site.py      The site search at /search/: hits grouped by section, snippets, ?section= pages.
catalog.py   The catalogs (pets, producers, products, facilities): one entry point,
             `query_catalog(request, catalog)`, that validates the request once with the catalog's
             filter set and answers a page, facet counts and errors, from the database or from
             Elasticsearch.
text.py      The one rule for a typed query (length, at least one word) and its form field, used by
             the site search and every catalog's filter set.
facets.py    Facet counts on the database and the shared filter panel's groups.
es/          Elasticsearch (a Django app, label "search_es"): connection, analysis, documents,
             index rebuilds behind aliases, the signals and tasks that keep indexes in step.
"""
