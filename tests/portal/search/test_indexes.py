"""Zero-downtime rebuilds: a new versioned index, loaded in full, then one atomic alias switch;
`search_index` rebuild and status; the cluster health check."""

import datetime
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from elasticsearch import ConnectionError as ClusterConnectionError
from elasticsearch import NotFoundError

from calendar_pages.search import FacilityDocument
from portal.search.es import indexes
from portal.search.es.health import cluster_health
from tests.calendar_pages.factories import FacilityFactory

pytestmark = pytest.mark.django_db
OLD = "test_facilities-20261101000000000000"
NOW = datetime.datetime(2026, 11, 26, 12, 0, tzinfo=datetime.UTC)
NEW = "test_facilities-20261126120000000000"


@pytest.fixture
def client(cluster_settings):
    client = mock.MagicMock()
    client.indices.get_alias.return_value = {OLD: {"aliases": {"test_facilities": {}}}}
    client.indices.get.return_value = {OLD: {}, NEW: {}}
    return client


def loaded_with(client, actions, **kwargs):
    for action in actions:
        yield True, {"index": {"_id": action["_id"]}}


@pytest.fixture
def now():
    with mock.patch("portal.search.es.indexes.timezone.now", return_value=NOW):
        yield


def test_rebuild_loads_a_new_version_and_switches_the_alias_atomically(client, now):
    facilities = FacilityFactory.create_batch(3)
    seen = []
    with mock.patch("portal.search.es.indexes.streaming_bulk", side_effect=loaded_with):
        summary = indexes.rebuild(FacilityDocument, client, progress=seen.append)
    body = client.indices.create.call_args.kwargs
    assert body["index"] == NEW
    assert "russian_text" in body["body"]["settings"]["analysis"]["analyzer"]
    assert seen == [1, 2, 3]
    client.indices.refresh.assert_called_once_with(index=NEW)
    client.indices.update_aliases.assert_called_once_with(
        actions=[
            {"remove": {"index": OLD, "alias": "test_facilities"}},
            {"add": {"index": NEW, "alias": "test_facilities"}},
        ]
    )
    client.indices.delete.assert_called_once_with(index=OLD)
    assert (summary.indexed, summary.index, summary.deleted_versions) == (3, NEW, [OLD])
    assert len(facilities) == summary.indexed


def test_first_rebuild_only_adds_the_alias(client, now):
    client.indices.get_alias.side_effect = NotFoundError(404, "alias missing", {})
    client.indices.get.return_value = {NEW: {}}
    with mock.patch("portal.search.es.indexes.streaming_bulk", side_effect=loaded_with):
        indexes.rebuild(FacilityDocument, client)
    client.indices.update_aliases.assert_called_once_with(
        actions=[{"add": {"index": NEW, "alias": "test_facilities"}}]
    )
    client.indices.delete.assert_not_called()


def test_a_failed_record_keeps_the_alias_on_the_old_version(client, now):
    FacilityFactory.create_batch(2)

    def one_fails(client, actions, **kwargs):
        actions = list(actions)
        yield True, {}
        yield False, {"index": {"_id": actions[1]["_id"], "error": "mapper_parsing_exception"}}

    with (
        mock.patch("portal.search.es.indexes.streaming_bulk", side_effect=one_fails),
        pytest.raises(indexes.RebuildError, match="1 records"),
    ):
        indexes.rebuild(FacilityDocument, client)
    client.indices.update_aliases.assert_not_called()
    client.indices.delete.assert_called_once_with(index=NEW)


def test_status_compares_the_alias_with_the_database(client):
    FacilityFactory.create_batch(4)
    client.count.return_value = {"count": 3}
    row = indexes.status(FacilityDocument, client)
    assert (row.alias, row.indexes, row.indexed, row.in_database) == (
        "test_facilities",
        [OLD],
        3,
        4,
    )
    assert not row.in_step


def run(*args):
    out = StringIO()
    call_command("search_index", *args, stdout=out)
    return out.getvalue()


def test_command_without_a_cluster_says_so(settings):
    settings.ELASTICSEARCH_URL = ""
    for action in ("rebuild", "status"):
        with pytest.raises(CommandError, match="ELASTICSEARCH_URL is not set"):
            run(action)


def test_command_rebuild_shows_progress_and_a_summary(client, now):
    FacilityFactory.create_batch(2)
    with (
        mock.patch("portal.management.commands.search_index.get_client", return_value=client),
        mock.patch("portal.search.es.indexes.streaming_bulk", side_effect=loaded_with),
    ):
        output = run("rebuild", "--models", "calendar_pages.facility")
    assert "[####################] 2/2 (100 %)" in output
    assert (
        f"calendar_pages.Facility: 2 documents in {NEW}, alias test_facilities switched" in output
    )
    assert f"old versions deleted: {OLD}" in output


def test_command_rebuild_of_an_unknown_model_fails_clearly(client):
    with pytest.raises(CommandError, match="No search document for news.NewsPage"):
        run("rebuild", "--models", "news.NewsPage")


def test_command_status_lists_counts_and_fails_when_out_of_step(client, settings):
    settings.ELASTICSEARCH_DOCUMENTS = ["calendar_pages.search.FacilityDocument"]
    FacilityFactory.create_batch(2)
    client.cluster.health.return_value = {"status": "green"}
    client.count.return_value = {"count": 2}
    with (
        mock.patch("portal.management.commands.search_index.get_client", return_value=client),
        mock.patch("portal.search.es.health.get_client", return_value=client),
    ):
        output = run("status")
        assert "Cluster: ok" in output
        assert "calendar_pages.Facility: 2 indexed / 2 in the database" in output
        client.count.return_value = {"count": 1}
        with pytest.raises(CommandError, match="1 index"):
            run("status")


def test_command_with_an_unreachable_cluster_fails_clearly(client):
    client.indices.get_alias.side_effect = ClusterConnectionError("refused")
    with (
        mock.patch("portal.management.commands.search_index.get_client", return_value=client),
        mock.patch("portal.search.es.health.get_client", return_value=client),
        pytest.raises(CommandError, match="Elasticsearch did not answer"),
    ):
        client.cluster.health.return_value = {"status": "green"}
        run("status")


def test_health_is_disabled_without_a_cluster(settings):
    settings.ELASTICSEARCH_URL = ""
    assert cluster_health() == "disabled"


@pytest.mark.parametrize(
    ("answer", "expected"),
    [({"status": "green"}, "ok"), ({"status": "yellow"}, "ok"), ({"status": "red"}, "error")],
)
def test_health_reflects_the_cluster_status(cluster_settings, answer, expected):
    with mock.patch("portal.search.es.health.get_client") as get_client:
        get_client.return_value.cluster.health.return_value = answer
        assert cluster_health() == expected


def test_health_of_an_unreachable_cluster_is_error(cluster_settings):
    with mock.patch("portal.search.es.health.get_client") as get_client:
        get_client.return_value.cluster.health.side_effect = ClusterConnectionError("refused")
        assert cluster_health() == "error"
