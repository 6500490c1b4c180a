"""Scale-out search on Elasticsearch (issue 7), switched on by ELASTICSEARCH_URL.

Without that setting nothing here talks to a cluster: the catalogs answer from the database
(portal.search.catalog) and no index update is queued. With it, each app's `search.py` declares
elasticsearch-dsl documents (CatalogDocument subclasses listed in ELASTICSEARCH_DOCUMENTS), kept
in step by background tasks and rebuilt behind an alias by `manage.py search_index rebuild`.
"""
