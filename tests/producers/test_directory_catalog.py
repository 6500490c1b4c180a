"""The /producers/ directory on the catalog search interface: answered by Elasticsearch (mocked
client) when the site runs with a cluster, by the database with a notice when the cluster fails,
and exactly as before without a cluster."""

import logging
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from elasticsearch import ConnectionError as ClusterConnectionError
from elasticsearch import ConnectionTimeout, NotFoundError

from producers.demo.seeding import bulk_create_directory
from producers.models import Producer, Product
from producers.search import FACETS
from tests.producers.catalog_directory import TODAY, make_directory
from tests.producers.factories import ProducerIndexPageFactory

pytestmark = pytest.mark.django_db
REDUCED = "Поиск работает в упрощённом режиме"


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(TODAY, tick=False)


@pytest.fixture
def directory(home):
    ProducerIndexPageFactory(parent=home)
    return make_directory()


@pytest.fixture
def client_es(cluster_settings):
    with mock.patch("portal.search.catalog.get_client") as get_client:
        yield get_client.return_value


def answer(ids, total, **facets):
    """A search response: the hits' ids and, per facet, {option value: count} buckets (the
    yes/no facets come as a non-keyed filters aggregation, with the same bucket shape)."""

    def buckets(counts):
        return {
            "doc_count": sum(counts.values()),
            "options": {"buckets": [{"key": k, "doc_count": n} for k, n in counts.items()]},
        }

    return {
        "took": 1,
        "timed_out": False,
        "hits": {
            "total": {"value": total, "relation": "eq"},
            "hits": [{"_index": "test_x-1", "_id": str(pk), "_score": None} for pk in ids],
        },
        "aggregations": {f"facet_{name}": buckets(facets.get(name, {})) for name in FACETS},
    }


def names(response):
    return [str(item) for item in response.context["items_page"].object_list]


def counts(response, name):
    return {option.value: option.count for option in response.context["facets"][name]}


def sent(client_es):
    return client_es.search.call_args.kwargs


def test_with_a_cluster_producers_are_the_hits_in_their_order(client, client_es, directory):
    dairy, apiary = directory["dairy"], directory["apiary"]
    client_es.search.return_value.body = answer(
        [dairy.pk, apiary.pk],
        2,
        district={"adlersky": 2, "khostinsky": 1},
        brand={"true": 1, "false": 1},
        category={"med": 2, "cheese": 1},
    )
    response = client.get("/producers/", {"district": "adlersky", "q": "мёд!"})
    assert response.status_code == 200
    assert names(response) == ["Сыроварня «Ёлки»", "Пасека Гулиевых"]
    assert response.context["items_page"].paginator.count == 2
    assert counts(response, "brand") == {"true": 1, "false": 1}
    assert counts(response, "season") == {"true": 0, "false": 0}
    assert counts(response, "category") == {"med": 2, "citrus": 0, "cheese": 1}
    district = counts(response, "district")
    assert (district["adlersky"], district["khostinsky"], district["central"]) == (2, 1, 0)
    assert [o.value for o in response.context["facets"]["district"] if o.selected] == ["adlersky"]
    request = sent(client_es)
    assert request["index"] == ["test_producers"]
    assert request["body"]["query"]["multi_match"]["query"] == "мёд"
    assert request["body"]["post_filter"] == {
        "bool": {"filter": [{"term": {"district": "adlersky"}}]}
    }
    assert request["body"]["sort"] == ["name.raw", "pk"]
    # The form keeps what was typed; the producers of the page are on the map; no notice.
    assert 'value="мёд!"' in response.text
    assert "Сыроварня «Ёлки»" in response.text
    assert REDUCED not in response.text


def test_with_a_cluster_products_come_from_the_product_index(client, client_es, directory):
    client_es.search.return_value.body = answer(
        [directory["tangerines"].pk], 1, season={"true": 1, "false": 3}
    )
    response = client.get("/producers/", {"view": "products", "season": "true", "page": "1"})
    assert response.status_code == 200
    assert names(response) == ["Мандарины"]
    assert counts(response, "season") == {"true": 1, "false": 3}
    request = sent(client_es)
    assert request["index"] == ["test_products"]
    assert request["body"]["post_filter"] == {"bool": {"filter": [{"term": {"months": 11}}]}}
    assert response.context["list_kind"] == "products"


def test_a_hit_no_longer_public_is_left_out(client, client_es, directory):
    client_es.search.return_value.body = answer([directory["draft"].pk, directory["grove"].pk], 2)
    assert names(client.get("/producers/")) == ["Мандариновая роща"]


@pytest.mark.parametrize(
    "error",
    [
        ClusterConnectionError("connection refused"),
        ConnectionTimeout("timed out"),
        NotFoundError(404, "index_not_found_exception", {}),
    ],
)
@pytest.mark.parametrize(
    ("params", "catalog", "expected"),
    [
        ({"category": "med", "q": "мёда"}, "producers", ["Пасека Гулиевых", "Сыроварня «Ёлки»"]),
        ({"view": "products", "fair_week": "true"}, "products", ["Мёд каштановый"]),
    ],
)
def test_a_failing_cluster_answers_from_the_database_with_a_notice(
    client, client_es, directory, caplog, error, params, catalog, expected
):
    client_es.search.side_effect = error
    with caplog.at_level(logging.ERROR, logger="portal.search.catalog"):
        response = client.get("/producers/", params)
    assert response.status_code == 200
    assert names(response) == expected
    assert response.context["items_page"].paginator.count == len(expected)
    assert sum(option.count for option in response.context["facets"]["brand"]) == len(expected)
    assert REDUCED in response.text
    assert f"Catalog {catalog}: Elasticsearch failed" in caplog.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("category=nope", "Неизвестная категория"),
        ("district=moon", "Неизвестный район"),
        ("view=fairs", "Неизвестный вид"),
        ("q=" + "мёд" * 100, "Слишком длинный запрос"),
    ],
)
def test_bad_filters_are_a_400_without_asking_the_cluster(
    client, client_es, directory, query, message
):
    response = client.get(f"/producers/?{query}")
    assert response.status_code == 400
    assert message in response.text
    assert REDUCED not in response.text
    client_es.search.assert_not_called()


def test_punctuation_alone_is_no_text_query(client, client_es, directory):
    client_es.search.return_value.body = answer([], 0)
    assert client.get("/producers/", {"q": ':"()'}).status_code == 200
    assert "query" not in sent(client_es)["body"]


def test_without_a_cluster_the_database_answers_and_nothing_is_asked(client, settings, directory):
    settings.ELASTICSEARCH_URL = ""
    settings.PORTAL_CATALOG_SEARCH = "elasticsearch"
    with mock.patch("portal.search.catalog.get_client") as get_client:
        response = client.get("/producers/", {"view": "products", "category": "citrus"})
        producers = client.get("/producers/", {"brand": "true"})
    get_client.assert_not_called()
    assert names(response) == ["Лимоны", "Мандарины"]
    assert names(producers) == ["Пасека Гулиевых"]
    assert REDUCED not in response.text


def test_directory_queries_on_elasticsearch_do_not_grow_with_the_data(client, client_es, home):
    ProducerIndexPageFactory(parent=home)

    def queries(url, model):
        ids = list(model.objects.public().values_list("pk", flat=True)[:20])
        client_es.search.return_value.body = answer(ids, model.objects.count(), district={})
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    urls = [
        ("/producers/", Producer),
        ("/producers/?category=small-cat&brand=true&q=производитель&page=2", Producer),
        ("/producers/?view=products&season=true&fair_week=false", Product),
    ]
    bulk_create_directory(20, 5, prefix="small")
    small = [queries(url, model) for url, model in urls]
    bulk_create_directory(500, 5, prefix="large")
    assert [queries(url, model) for url, model in urls] == small
    # No COUNT and no facet query: the cluster answers those; the page in one or two queries.
    assert max(small) < 20, small
    print("directory queries on Elasticsearch:", small)
