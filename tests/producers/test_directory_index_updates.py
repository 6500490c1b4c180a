"""The producer and product indexes kept in step: moderation decisions, unpublishing, category
renames and fair rosters queue an update of every document they change, after the commit only,
and the task then indexes what is public and removes the rest."""

import datetime
from unittest import mock

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from portal.search.es import tasks
from producers.models import ModerationStatus, Product, RosterEntry
from tests.producers.catalog_directory import TODAY
from tests.producers.factories import (
    CategoryFactory,
    FairDayFactory,
    ProducerFactory,
    ProductFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
TASK = "portal.search.es.tasks.sync_document"
PRODUCER, PRODUCT = "producers.Producer", "producers.Product"


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(TODAY, tick=False)


def queued():
    return [row.args_kwargs["args"] for row in DBTaskResult.objects.filter(task_path=TASK)]


def queued_pks(label):
    """Every pk queued for the documents of `label`, across the tasks."""
    return {pk for task_label, pks in queued() if task_label == label for pk in pks}


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


@pytest.fixture
def honey(cluster_settings):
    return CategoryFactory(name="Мёд", slug="med")


@pytest.fixture
def apiary(honey):
    producer = ProducerFactory(name="Пасека Гулиевых", categories=[honey])
    ProductFactory(producer=producer, category=honey, name="Мёд липовый")
    DBTaskResult.objects.all().delete()
    return producer


@pytest.fixture
def submitted_product(apiary, honey):
    product = ProductFactory(
        producer=apiary, category=honey, status=ModerationStatus.DRAFT, is_live=False
    )
    product.submit(by=apiary.owner)
    DBTaskResult.objects.all().delete()
    return product


def test_an_approval_queues_the_product_and_its_producer_after_commit(
    submitted_product, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submitted_product.approve(by=staff)
        assert queued() == []
    assert queued_pks(PRODUCT) == {submitted_product.pk}
    # The producer's document counts the months of its published products.
    assert queued_pks(PRODUCER) == {submitted_product.producer_id}
    assert {row.backend_name for row in DBTaskResult.objects.filter(task_path=TASK)} == {
        "scheduled"
    }


def test_a_rolled_back_approval_queues_nothing(
    submitted_product, staff, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        submitted_product.approve(by=staff)
        raise RuntimeError("the moderation form failed later")
    assert queued() == []
    submitted_product.refresh_from_db()
    assert not submitted_product.is_live


def test_the_task_after_an_approval_indexes_the_published_product(
    submitted_product, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submitted_product.approve(by=staff)
    with mock.patch("portal.search.es.tasks.bulk", return_value=(1, [])) as bulk:
        tasks.sync_document.call(PRODUCT, [submitted_product.pk])
    (action,) = list(bulk.call_args.args[1])
    assert (action["_index"], action["_id"]) == ("test_products", submitted_product.pk)
    assert action["_source"]["producer_name"] == "Пасека Гулиевых"


def test_approving_a_producer_queues_it_and_its_products(
    cluster_settings, honey, staff, django_capture_on_commit_callbacks
):
    producer = ProducerFactory(status=ModerationStatus.DRAFT, is_live=False, categories=[honey])
    product = ProductFactory(producer=producer, category=honey)
    producer.submit(by=producer.owner)
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        producer.approve(by=staff)
    assert queued_pks(PRODUCER) == {producer.pk}
    assert queued_pks(PRODUCT) == {product.pk}


def test_a_refusal_queues_the_record_whose_public_version_stays(
    apiary, staff, django_capture_on_commit_callbacks
):
    product = apiary.products.get()
    product.edit({"description": "Лучший мёд на свете"}, by=apiary.owner)
    product.submit(by=apiary.owner)
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        product.refuse(by=staff, reason="Без превосходных степеней.")
    assert queued_pks(PRODUCT) == {product.pk}
    with mock.patch("portal.search.es.tasks.bulk", return_value=(1, [])) as bulk:
        tasks.sync_document.call(PRODUCT, [product.pk])
    (action,) = list(bulk.call_args.args[1])
    # The proposal was refused: the index keeps the published text.
    assert action["_source"]["description"] == ""
    assert "Лучший" not in str(action)


def test_unpublishing_a_producer_removes_it_and_its_products(
    apiary, django_capture_on_commit_callbacks
):
    product = apiary.products.get()
    with django_capture_on_commit_callbacks(execute=True):
        apiary.is_live = False
        apiary.save()
    assert queued_pks(PRODUCER) == {apiary.pk}
    assert queued_pks(PRODUCT) == {product.pk}
    with mock.patch("portal.search.es.tasks.bulk", return_value=(2, [])) as bulk:
        tasks.sync_document.call(PRODUCER, [apiary.pk])
        tasks.sync_document.call(PRODUCT, [product.pk])
    removed = [list(call.args[1]) for call in bulk.call_args_list]
    assert removed == [
        [{"_op_type": "delete", "_index": "test_producers", "_id": apiary.pk}],
        [{"_op_type": "delete", "_index": "test_products", "_id": product.pk}],
    ]


def test_deleting_a_product_queues_its_removal_and_its_producer(
    apiary, django_capture_on_commit_callbacks
):
    product = apiary.products.get()
    pk = product.pk
    with django_capture_on_commit_callbacks(execute=True):
        product.delete()
    assert queued_pks(PRODUCT) == {pk}
    assert queued_pks(PRODUCER) == {apiary.pk}


def test_a_category_rename_queues_its_producers_and_products(
    apiary, honey, django_capture_on_commit_callbacks
):
    other = ProducerFactory(categories=[CategoryFactory(slug="chai")])
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        honey.name = "Мёд и продукты пчеловодства"
        honey.save()
    assert queued_pks(PRODUCER) == {apiary.pk}
    assert other.pk not in queued_pks(PRODUCER)
    assert queued_pks(PRODUCT) == set(
        Product.objects.filter(category=honey).values_list("pk", flat=True)
    )


def test_changing_a_producers_categories_queues_it(apiary, django_capture_on_commit_callbacks):
    tea = CategoryFactory(slug="chai", name="Чай")
    with django_capture_on_commit_callbacks(execute=True):
        apiary.categories.set([tea])
    assert queued_pks(PRODUCER) == {apiary.pk}
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        tea.producers.clear()
    assert queued_pks(PRODUCER) == {apiary.pk}


def test_a_roster_change_queues_the_producer_and_its_products(
    apiary, django_capture_on_commit_callbacks
):
    product = apiary.products.get()
    day = FairDayFactory(date=datetime.date(2026, 11, 28))
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        entry = day.add_producer(apiary)
    assert (queued_pks(PRODUCER), queued_pks(PRODUCT)) == ({apiary.pk}, {product.pk})
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        entry.delete()
    assert (queued_pks(PRODUCER), queued_pks(PRODUCT)) == ({apiary.pk}, {product.pk})


def test_moving_a_fair_day_queues_the_producers_on_its_roster(
    apiary, django_capture_on_commit_callbacks
):
    day = FairDayFactory(date=datetime.date(2026, 11, 28))
    RosterEntry.objects.create(fair_day=day, producer=apiary)
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        day.date = datetime.date(2026, 12, 5)
        day.save()
    assert queued_pks(PRODUCER) == {apiary.pk}
    assert queued_pks(PRODUCT) == set(apiary.products.values_list("pk", flat=True))
    with mock.patch("portal.search.es.tasks.bulk", return_value=(1, [])) as bulk:
        tasks.sync_document.call(PRODUCER, [apiary.pk])
    (action,) = list(bulk.call_args.args[1])
    assert action["_source"]["fair_dates"] == [datetime.date(2026, 12, 5)]


def test_nothing_is_queued_without_a_cluster(settings, staff, django_capture_on_commit_callbacks):
    settings.ELASTICSEARCH_URL = ""
    product = ProductFactory(status=ModerationStatus.DRAFT, is_live=False)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        product.submit(by=product.producer.owner)
        product.approve(by=staff)
        product.producer.categories.set([CategoryFactory()])
        FairDayFactory().add_producer(product.producer)
    assert callbacks == []
    assert queued() == []
