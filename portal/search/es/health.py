"""Is the cluster reachable? For the health check and `search_index status`."""

import logging

from portal.search.es.connection import CLUSTER_ERRORS, get_client, is_enabled

logger = logging.getLogger(__name__)

DISABLED, OK, ERROR = "disabled", "ok", "error"


def cluster_health():
    """ "disabled" without ELASTICSEARCH_URL, "ok" for a green or yellow cluster, else "error"."""
    if not is_enabled():
        return DISABLED
    try:
        answer = get_client().cluster.health()
    except CLUSTER_ERRORS:
        logger.exception("Health check: Elasticsearch unavailable")
        return ERROR
    if answer["status"] not in ("green", "yellow"):
        logger.error("Health check: Elasticsearch cluster is %s", answer["status"])
        return ERROR
    return OK
