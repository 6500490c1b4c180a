"""Keeping the index in step: saves, deletes, publish and unpublish queue a background update.

Nothing is queued without ELASTICSEARCH_URL, nor for a transaction that rolls back: the task is
enqueued from transaction.on_commit, and it reads the record afresh, so it indexes what was
committed (or removes a record that is no longer public).
"""

import logging
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from portal.search.es.connection import is_enabled
from portal.search.es.documents import registered_documents

logger = logging.getLogger(__name__)


def connect_all():
    for document in registered_documents():
        connect(document)


def connect(document):
    model = document.django_model
    own = partial(_on_change, document, lambda instance: [instance.pk])
    uid = f"search_es:{document.label()}"
    post_save.connect(own, sender=model, weak=False, dispatch_uid=f"{uid}:save")
    post_delete.connect(own, sender=model, weak=False, dispatch_uid=f"{uid}:delete")
    if issubclass(model, Page):
        page_published.connect(own, sender=model, weak=False, dispatch_uid=f"{uid}:publish")
        page_unpublished.connect(own, sender=model, weak=False, dispatch_uid=f"{uid}:unpublish")
    for related, pks_of in document.related_models.items():
        handler = partial(_on_change, document, pks_of)
        related_uid = f"{uid}:{related._meta.label}"
        post_save.connect(handler, sender=related, weak=False, dispatch_uid=f"{related_uid}:save")
        post_delete.connect(
            handler, sender=related, weak=False, dispatch_uid=f"{related_uid}:delete"
        )


def _on_change(document, pks_of, sender, instance, **kwargs):
    if not is_enabled() or kwargs.get("raw"):
        return
    pks = [pk for pk in pks_of(instance) if pk is not None]
    if pks:
        queue_update(document, pks)


def queue_update(document, pks):
    """Enqueue the update of `pks` once the current transaction commits."""
    from portal.search.es.tasks import sync_document

    label, pks = document.label(), [_jsonable(pk) for pk in pks]
    transaction.on_commit(partial(sync_document.enqueue, label, pks), robust=True)


def _jsonable(pk):
    return pk if isinstance(pk, int) else str(pk)
