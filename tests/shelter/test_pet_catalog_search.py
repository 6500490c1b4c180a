"""The /shelter/ catalog on the catalog search interface: answered by Elasticsearch (mocked
client) when the site runs with a cluster, by the database with a notice when the cluster fails,
and the pet index kept in step on save, delete and status change, after the commit only."""

import logging
import re
from unittest import mock

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult
from elasticsearch import ConnectionError as ClusterConnectionError
from elasticsearch import ConnectionTimeout, NotFoundError

from portal.search.es import tasks
from shelter.filters import FACETS
from shelter.models import PetStatus
from tests.shelter.catalog_pets import make_catalog_pets
from tests.shelter.factories import PetFactory, ShelterIndexPageFactory

pytestmark = pytest.mark.django_db
TASK = "portal.search.es.tasks.sync_document"
REDUCED = "Поиск работает в упрощённом режиме"


@pytest.fixture
def pets(home):
    ShelterIndexPageFactory(parent=home)
    return make_catalog_pets()


@pytest.fixture
def client_es(cluster_settings):
    with mock.patch("portal.search.catalog.get_client") as get_client:
        yield get_client.return_value


def answer(ids, total, **facets):
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
            "hits": [{"_index": "test_pets-1", "_id": str(pk), "_score": None} for pk in ids],
        },
        "aggregations": {f"facet_{name}": buckets(facets.get(name, {})) for name in FACETS},
    }


def names(response):
    return re.findall(r'class="card__title pet-card__title"><a [^>]+>([^<]+)<', response.text)


def counts(response, name):
    return {option.value: option.count for option in response.context["facets"][name]}


def test_with_a_cluster_the_catalog_lists_the_hits_in_their_order(client, client_es, pets):
    kitten, senior = pets["kitten"], pets["senior_cat"]
    client_es.search.return_value.body = answer(
        [senior.pk, kitten.pk], 2, species={"cat": 2, "dog": 1}, age={"baby": 1, "senior": 1}
    )
    response = client.get("/shelter/", {"species": "cat", "q": "кошка", "sort": "oldest"})
    assert response.status_code == 200
    assert names(response) == ["Васька", "Мурка"]
    assert response.context["pets_page"].paginator.count == 2
    assert counts(response, "species") == {"dog": 1, "cat": 2, "other": 0}
    assert counts(response, "age") == {"baby": 1, "young": 0, "adult": 0, "senior": 1}
    assert [o.value for o in response.context["facets"]["species"] if o.selected] == ["cat"]
    request = client_es.search.call_args.kwargs
    assert request["index"] == ["test_pets"]
    assert request["body"]["query"]["multi_match"]["query"] == "кошка"
    assert request["body"]["post_filter"] == {"bool": {"filter": [{"term": {"species": "cat"}}]}}
    assert request["body"]["sort"] == ["born_on", "pk"]
    # The form keeps what was typed; no reduced-mode notice.
    assert 'value="кошка"' in response.text
    assert REDUCED not in response.text


def test_a_hit_no_longer_in_the_catalog_is_left_out(client, client_es, pets):
    client_es.search.return_value.body = answer([pets["adopted"].pk, pets["kitten"].pk], 2)
    assert names(client.get("/shelter/")) == ["Мурка"]


@pytest.mark.parametrize(
    "error",
    [
        ClusterConnectionError("connection refused"),
        ConnectionTimeout("timed out"),
        NotFoundError(404, "index_not_found_exception", {}),
    ],
)
def test_a_failing_cluster_answers_from_the_database_with_a_notice(
    client, client_es, pets, caplog, error
):
    client_es.search.side_effect = error
    with caplog.at_level(logging.ERROR, logger="portal.search.catalog"):
        response = client.get("/shelter/", {"species": "cat", "q": "кошки"})
    assert response.status_code == 200
    assert set(names(response)) == {"Мурка", "Васька"}
    assert counts(response, "species") == {"dog": 0, "cat": 2, "other": 0}
    assert REDUCED in response.text
    assert "Catalog pets: Elasticsearch failed" in caplog.text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("size=XXL", "Неизвестный размер"),
        ("age=-1", "Неизвестная возрастная группа"),
        ("sort=price", "Неизвестный порядок"),
        ("q=" + "кот" * 100, "Слишком длинный запрос"),
    ],
)
def test_bad_filters_are_a_400_without_asking_the_cluster(client, client_es, pets, query, message):
    response = client.get(f"/shelter/?{query}")
    assert response.status_code == 400
    assert message in response.text
    client_es.search.assert_not_called()


def test_without_a_cluster_the_database_answers_and_nothing_is_asked(client, settings, pets):
    settings.ELASTICSEARCH_URL = ""
    settings.PORTAL_CATALOG_SEARCH = "elasticsearch"
    with mock.patch("portal.search.catalog.get_client") as get_client:
        response = client.get("/shelter/", {"species": "cat"})
    get_client.assert_not_called()
    assert set(names(response)) == {"Мурка", "Васька"}
    assert REDUCED not in response.text


def queued():
    return [row.args_kwargs["args"] for row in DBTaskResult.objects.filter(task_path=TASK)]


@pytest.fixture
def pet(cluster_settings):
    pet = PetFactory(name="Рыжик")
    DBTaskResult.objects.all().delete()
    return pet


def test_a_status_change_queues_the_pet_after_commit(pet, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pet.change_status(PetStatus.RESERVED, note="Смотрины в субботу")
        assert queued() == []
    assert queued() == [["shelter.Pet", [pet.pk]]]


def test_a_rolled_back_status_change_queues_nothing(pet, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        pet.change_status(PetStatus.ADOPTED)
        raise RuntimeError("the handover form failed later")
    assert queued() == []
    pet.refresh_from_db()
    assert pet.status == PetStatus.LOOKING


def test_adoption_removes_the_pet_from_the_index(pet, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pet.change_status(PetStatus.ADOPTED)
    label, pks = queued()[0]
    with mock.patch("portal.search.es.tasks.bulk", return_value=(1, [])) as bulk:
        tasks.sync_document.call(label, pks)
    assert list(bulk.call_args.args[1]) == [
        {"_op_type": "delete", "_index": "test_pets", "_id": pet.pk}
    ]


def test_saving_hiding_and_deleting_a_pet_queue_updates(pet, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pet.description = "Рыжий и ласковый."
        pet.save()
    with django_capture_on_commit_callbacks(execute=True):
        pet.is_public = False
        pet.save()
    pk = pet.pk
    with django_capture_on_commit_callbacks(execute=True):
        pet.delete()
    assert queued() == [["shelter.Pet", [pk]]] * 3


def test_a_status_change_with_a_dead_cluster_still_changes_the_status(
    pet, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        pet.change_status(PetStatus.FOSTER)
    ((label, pks),) = queued()
    with (
        mock.patch("portal.search.es.tasks.bulk", side_effect=ClusterConnectionError("down")),
        caplog.at_level(logging.WARNING, logger="portal.search.es.tasks"),
    ):
        tasks.sync_document.call(label, pks)  # the worker meets the dead cluster, not staff
    pet.refresh_from_db()
    assert pet.status == PetStatus.FOSTER
    assert "retry" in caplog.text


def test_catalog_queries_on_elasticsearch_do_not_grow_with_the_pets(client, client_es, home):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from shelter.demo.seeding import bulk_create_pets
    from shelter.models import Pet

    ShelterIndexPageFactory(parent=home)

    def queries(url):
        ids = list(Pet.objects.in_catalog().values_list("pk", flat=True)[:12])
        client_es.search.return_value.body = answer(ids, Pet.objects.count(), species={"dog": 3})
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    urls = ["/shelter/", "/shelter/?species=dog&age=young&q=ласковый&sort=waiting&page=2"]
    bulk_create_pets(20)
    small = [queries(url) for url in urls]
    bulk_create_pets(1000, prefix="нагрузка")
    assert [queries(url) for url in urls] == small
    # No COUNT and no facet query: the cluster answers those; the page's pets in one query.
    assert max(small) < 15, small
    print("catalog queries on Elasticsearch:", small)
