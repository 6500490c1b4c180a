"""Keeping the index in step: a background task queued after commit, never on rollback, never
without a cluster; the task indexes public records, removes the rest and survives a dead cluster."""

import datetime
import logging
from unittest import mock

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult
from elasticsearch import ConnectionError as ClusterConnectionError

from calendar_pages.search import FacilityDocument
from portal.search.es import tasks
from tests.calendar_pages.factories import FacilityFactory

pytestmark = pytest.mark.django_db
TASK = "portal.search.es.tasks.sync_document"


def queued():
    return [row.args_kwargs["args"] for row in DBTaskResult.objects.filter(task_path=TASK)]


def test_saving_queues_an_update_after_commit_not_before(
    cluster_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        facility = FacilityFactory()
        assert queued() == []
    assert queued() == [["calendar_pages.Facility", [facility.pk]]]
    assert DBTaskResult.objects.get(task_path=TASK).backend_name == "scheduled"


def test_a_rolled_back_save_queues_nothing(cluster_settings, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        FacilityFactory()
        raise RuntimeError("the admin form failed later")
    assert queued() == []


def test_nothing_is_queued_without_a_cluster(settings, django_capture_on_commit_callbacks):
    settings.ELASTICSEARCH_URL = ""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        facility = FacilityFactory()
        facility.delete()
    assert callbacks == []
    assert queued() == []


def test_deleting_queues_the_removal(cluster_settings, django_capture_on_commit_callbacks):
    facility = FacilityFactory()
    pk = facility.pk
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        facility.delete()
    assert queued() == [["calendar_pages.Facility", [pk]]]


def test_replanning_queues_the_facility(cluster_settings, django_capture_on_commit_callbacks):
    facility = FacilityFactory()
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        facility.replan(datetime.date(2027, 3, 1), "Перенос по заявке подрядчика", by=None)
    assert ["calendar_pages.Facility", [facility.pk]] in queued()


def test_task_indexes_public_records_and_removes_the_others(cluster_settings):
    facility = FacilityFactory(name="Школа № 3")
    with mock.patch("portal.search.es.tasks.bulk", return_value=(2, [])) as bulk:
        tasks.sync_document.call("calendar_pages.Facility", [facility.pk, 424242])
    client, actions = bulk.call_args.args
    actions = list(actions)
    assert actions[0]["_index"] == "test_facilities"
    assert actions[0]["_id"] == facility.pk
    assert actions[0]["_source"]["name"] == "Школа № 3"
    assert actions[1] == {"_op_type": "delete", "_index": "test_facilities", "_id": 424242}
    assert bulk.call_args.kwargs["ignore_status"] == (404,)


def test_task_with_a_dead_cluster_logs_and_retries_later(cluster_settings, caplog):
    facility = FacilityFactory()
    DBTaskResult.objects.all().delete()
    failure = ClusterConnectionError("connection refused")
    with (
        mock.patch("portal.search.es.tasks.bulk", side_effect=failure),
        caplog.at_level(logging.WARNING, logger="portal.search.es.tasks"),
    ):
        tasks.sync_document.call("calendar_pages.Facility", [facility.pk])
    assert "retry" in caplog.text
    retry = DBTaskResult.objects.get(task_path=TASK)
    assert retry.args_kwargs["args"] == ["calendar_pages.Facility", [facility.pk], 2]
    assert retry.run_after > retry.enqueued_at


def test_last_attempt_gives_up_with_an_error_in_the_log(cluster_settings, caplog):
    facility = FacilityFactory()
    DBTaskResult.objects.all().delete()
    failure = ClusterConnectionError("connection refused")
    with (
        mock.patch("portal.search.es.tasks.bulk", side_effect=failure),
        caplog.at_level(logging.ERROR, logger="portal.search.es.tasks"),
    ):
        tasks.sync_document.call("calendar_pages.Facility", [facility.pk], 3)
    assert "search_index rebuild" in caplog.text
    assert queued() == []


def test_saving_in_the_admin_with_a_dead_cluster_still_saves(
    cluster_settings, django_capture_on_commit_callbacks
):
    """The save only queues; the worker meets the dead cluster, never the editor."""
    with (
        mock.patch("portal.search.es.tasks.bulk", side_effect=ClusterConnectionError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        facility = FacilityFactory(name="Стадион")
    facility.refresh_from_db()
    assert facility.name == "Стадион"


def test_document_of_a_facility_uses_its_registered_class():
    from portal.search.es.documents import document_for_label, registered_documents

    assert FacilityDocument in registered_documents()
    assert document_for_label("calendar_pages.Facility") is FacilityDocument
    assert document_for_label("news.NewsPage") is None


def test_an_index_update_out_dates_the_kept_pages_that_read_the_records(cluster_settings):
    """A catalog page rendered from the cluster between the commit and the index update would
    otherwise be kept with the old results."""
    from portal.page_cache.tables import current_tokens

    cluster_settings.PAGE_CACHE_ENABLED = True
    facility = FacilityFactory(name="Школа № 3")
    table = facility._meta.db_table
    before = current_tokens([table])[table]
    with mock.patch("portal.search.es.tasks.bulk", return_value=(1, [])):
        tasks.sync_document.call("calendar_pages.Facility", [facility.pk])
    assert current_tokens([table])[table] != before
