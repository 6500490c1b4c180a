"""The cluster client and index names, both from settings.

ELASTICSEARCH_URL empty means "no cluster": is_enabled() is False and get_client() refuses.
"""

from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError

# What a missing or failing cluster raises: connection refused, timeouts, 5xx answers and an index
# not built yet. Callers fall back to the database or log; they never show these to a visitor.
CLUSTER_ERRORS = (TransportError, ApiError, NotFoundError)

NOT_CONFIGURED = "ELASTICSEARCH_URL is not set: there is no Elasticsearch cluster to use."


def is_enabled():
    return bool(getattr(settings, "ELASTICSEARCH_URL", ""))


def get_client():
    """The shared client for ELASTICSEARCH_URL; raises ImproperlyConfigured without one."""
    if not is_enabled():
        raise ImproperlyConfigured(NOT_CONFIGURED)
    return _client(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT)


@lru_cache(maxsize=4)
def _client(url, timeout):
    # A short timeout and no retries: a visitor waits for the database fallback, not the cluster.
    return Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)


def alias_name(document):
    """The alias searches and updates go through: '<prefix><document's index name>'."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}{document.Index.name}"
