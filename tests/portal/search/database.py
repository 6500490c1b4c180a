"""The database search index the catalogs' database path reads, for tests that fill it."""

from django.conf import settings
from wagtail.search.backends import get_search_backend


def database_search_backend():
    """The backend the database catalog path reads: "database" once a cluster is configured."""
    name = "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    return get_search_backend(name)
