"""The Elasticsearch implementation with a mocked client: how an answer becomes the page,
total and facets, and the database fallback when the cluster fails."""

import logging
from unittest import mock

import pytest
from django.http import QueryDict
from elasticsearch import ConnectionError as ClusterConnectionError
from elasticsearch import NotFoundError

from calendar_pages.search import FACILITY_CATALOG
from portal.search.catalog import CatalogQuery, ElasticsearchCatalogSearch, get_catalog_search

pytestmark = pytest.mark.django_db


def answer(ids, total, district=None, status=None, kind=None):
    def buckets(counts):
        return {
            "doc_count": sum((counts or {}).values()),
            "options": {
                "buckets": [
                    {"key": key, "doc_count": count} for key, count in (counts or {}).items()
                ]
            },
        }

    return {
        "took": 1,
        "timed_out": False,
        "hits": {
            "total": {"value": total, "relation": "eq"},
            "hits": [{"_index": "test_facilities-1", "_id": str(pk), "_score": None} for pk in ids],
        },
        "aggregations": {
            "facet_district": buckets(district),
            "facet_type": buckets(kind),
            "facet_status": buckets(status),
        },
    }


@pytest.fixture
def client(cluster_settings):
    with mock.patch("portal.search.catalog.get_client") as get_client:
        yield get_client.return_value


def search(filters="", text="", sort="", page=1):
    query = CatalogQuery(filters=QueryDict(filters), text=text, sort=sort, page=page)
    return get_catalog_search().search(FACILITY_CATALOG, query)


def test_settings_choose_elasticsearch(cluster_settings):
    assert isinstance(get_catalog_search(), ElasticsearchCatalogSearch)


def test_hits_become_facilities_in_the_hits_order(client, facilities):
    school, kindergarten, arts = facilities[:3]
    client.search.return_value.body = answer(
        [arts.pk, school.pk, kindergarten.pk], 3, district={"adlersky": 2, "central": 1}
    )
    result = search(text="школа")
    assert list(result.page) == [arts, school, kindergarten]
    assert result.total == 3
    assert result.engine == "elasticsearch"
    request = client.search.call_args.kwargs
    assert request["index"] == ["test_facilities"]
    assert request["body"]["query"]["multi_match"]["query"] == "школа"


def test_facets_list_every_option_in_filter_order_with_zero_for_missing(client, facilities):
    client.search.return_value.body = answer(
        [], 0, district={"adlersky": 3, "central": 2}, status={"delayed": 1}
    )
    result = search("district=adlersky")
    assert [(o.value, o.count, o.selected) for o in result.facets["district"]] == [
        ("central", 2, False),
        ("khostinsky", 0, False),
        ("adlersky", 3, True),
        ("lazarevsky", 0, False),
    ]
    assert [o.label for o in result.facets["district"]][0] == "Центральный"
    assert {o.value: o.count for o in result.facets["status"]}["delayed"] == 1


def test_a_record_deleted_since_indexing_is_left_out(client, facilities):
    client.search.return_value.body = answer([facilities[0].pk, 999_999], 2)
    assert list(search().page) == [facilities[0]]


def test_page_numbers_and_the_paginator(client, facilities, settings):
    settings.PORTAL_PAGE_SIZE = 2
    client.search.return_value.body = answer([facilities[2].pk, facilities[3].pk], 6)
    result = search(page="2")
    assert result.page.number == 2
    assert result.page.paginator.num_pages == 3
    assert result.page.has_next()
    assert client.search.call_args.kwargs["body"]["from"] == 2


def test_page_past_the_end_asks_again_for_the_last_page(client, facilities, settings):
    settings.PORTAL_PAGE_SIZE = 2
    client.search.return_value.body = answer([facilities[4].pk], 5)
    result = search(page="40")
    assert result.page.number == 3
    froms = [call.kwargs["body"]["from"] for call in client.search.call_args_list]
    assert froms == [78, 4]


@pytest.mark.parametrize("page", ["abc", "-3", "0", ""])
def test_bad_page_numbers_give_the_first_page(client, facilities, page):
    client.search.return_value.body = answer([], 0)
    assert search(page=page).page.number == 1


def test_invalid_filters_answer_400_without_asking_the_cluster(client, facilities):
    result = search("status=<script>")
    assert result.status_code == 400
    client.search.assert_not_called()


@pytest.mark.parametrize(
    "error",
    [
        ClusterConnectionError("connection refused"),
        NotFoundError(404, "index_not_found_exception", {}),
    ],
)
def test_a_failing_cluster_answers_from_the_database_with_a_notice(
    client, facilities, caplog, error
):
    client.search.side_effect = error
    with caplog.at_level(logging.ERROR, logger="portal.search.catalog"):
        result = search("district=adlersky", text="школа")
    assert result.fell_back
    assert result.engine == "database"
    assert result.status_code == 200
    assert [facility.name for facility in result.page] == ["Школа искусств"]
    assert {o.value: o.count for o in result.facets["district"]}["central"] == 1
    assert "answering from the database" in caplog.text


def test_queries_per_page_on_elasticsearch(client, facilities, django_assert_num_queries):
    client.search.return_value.body = answer([f.pk for f in facilities], 6)
    # The hits' records in one query; validation and counts need none.
    with django_assert_num_queries(1):
        assert len(search("district=central&status=delayed").page) == 6
