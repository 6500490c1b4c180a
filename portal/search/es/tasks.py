"""Background index updates, run by the worker of the "scheduled" task backend.

A missing or failing cluster never reaches whoever saved the record: the task logs the failure
and tries again later; after the last attempt `search_index rebuild` brings the index in step.
"""

import datetime
import logging

from django.utils import timezone
from django_tasks import task
from elasticsearch.helpers import bulk

from portal import page_cache
from portal.search.es.connection import CLUSTER_ERRORS, alias_name, get_client, is_enabled
from portal.search.es.documents import document_for_label

logger = logging.getLogger(__name__)

RETRY_DELAYS = [datetime.timedelta(minutes=1), datetime.timedelta(minutes=10)]


def sync_actions(document, pks, index_name):
    """Index the public records among pks and delete every other one from the index."""
    public = {obj.pk: obj for obj in document.public_queryset().filter(pk__in=pks)}
    for obj in public.values():
        action = document.from_object(obj).to_dict(include_meta=True)
        action["_index"] = index_name
        yield action
    for pk in pks:
        if pk not in public:
            yield {"_op_type": "delete", "_index": index_name, "_id": pk}


def sync(document, pks, client):
    """(indexed or deleted, errors) after bringing the records `pks` in step."""
    actions = sync_actions(document, [_as_pk(document, pk) for pk in pks], alias_name(document))
    # A record that was never indexed is fine to "delete": 404 is not an error here.
    return bulk(client, actions, raise_on_error=False, ignore_status=(404,), refresh=False)


@task(backend="scheduled")
def sync_document(label, pks, attempt=1):
    if not is_enabled():
        return
    document = document_for_label(label)
    if document is None:
        logger.warning("No search document for %s any more: update of %s skipped", label, pks)
        return
    try:
        _done, errors = sync(document, pks, get_client())
    except CLUSTER_ERRORS as error:
        _retry_or_give_up(label, pks, attempt, error)
        return
    if errors:
        logger.error("Search index update of %s %s failed: %s", label, pks, errors)
    # Kept pages that listed these records from the cluster were rendered before it changed, and
    # the cluster is no table a write could out-date: do it here.
    page_cache.out_date_table(document.django_model._meta.db_table)


def _retry_or_give_up(label, pks, attempt, error):
    if attempt > len(RETRY_DELAYS):
        logger.error(
            "Search index update of %s %s failed for good (%s); run `search_index rebuild`",
            label,
            pks,
            error,
        )
        return
    delay = RETRY_DELAYS[attempt - 1]
    logger.warning("Search index update of %s %s failed, retry in %s: %s", label, pks, delay, error)
    sync_document.using(run_after=timezone.now() + delay).enqueue(label, pks, attempt + 1)


def _as_pk(document, pk):
    return document.django_model._meta.pk.to_python(pk)
