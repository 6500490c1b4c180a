"""The moderation state machine of producers and products."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from producers.models import ModerationStatus, Product, RequestStatus
from tests.producers.factories import CategoryFactory, ProducerFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


def draft_product(**kwargs):
    return ProductFactory(status=ModerationStatus.DRAFT, is_live=False, **kwargs)


def test_new_product_goes_from_draft_through_submitted_to_published(staff):
    product = draft_product()
    assert not Product.objects.public().filter(pk=product.pk).exists()
    product.submit(by=product.producer.owner)
    assert product.status == ModerationStatus.SUBMITTED
    assert not Product.objects.public().filter(pk=product.pk).exists()
    request = product.approve(by=staff)
    product.refresh_from_db()
    assert (product.status, product.is_live) == (ModerationStatus.PUBLISHED, True)
    assert Product.objects.public().filter(pk=product.pk).exists()
    assert (request.status, request.decided_by) == (RequestStatus.APPROVED, staff)


def test_refusal_keeps_the_reason_and_mails_it_to_the_owner(
    staff, django_capture_on_commit_callbacks
):
    product = draft_product()
    product.submit(by=product.producer.owner)
    with django_capture_on_commit_callbacks(execute=True):
        request = product.refuse(by=staff, reason="Уточните фасовку.")
    product.refresh_from_db()
    assert product.status == ModerationStatus.REFUSED
    assert not product.is_live
    assert product.last_refusal() == request
    assert request.reason == "Уточните фасовку."
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [product.producer.owner.email]
    assert "Уточните фасовку." in mail.outbox[0].body


def test_refusal_needs_a_reason(staff):
    product = draft_product()
    product.submit(by=None)
    with pytest.raises(ValidationError):
        product.refuse(by=staff, reason="  ")
    product.refresh_from_db()
    assert product.status == ModerationStatus.SUBMITTED


@pytest.mark.parametrize("status", [ModerationStatus.DRAFT, ModerationStatus.PUBLISHED])
def test_only_a_submitted_item_can_be_approved_or_refused(staff, status):
    product = ProductFactory(status=status)
    with pytest.raises(ValidationError):
        product.approve(by=staff)
    with pytest.raises(ValidationError):
        product.refuse(by=staff, reason="Нет")


def test_submitted_or_published_item_cannot_be_submitted_again():
    product = draft_product()
    product.submit(by=None)
    with pytest.raises(ValidationError):
        product.submit(by=None)
    with pytest.raises(ValidationError):
        ProductFactory(status=ModerationStatus.PUBLISHED).submit(by=None)


def test_edit_of_a_published_product_keeps_the_public_version_until_approved(staff):
    product = ProductFactory(name="Мёд липовый", price=500)
    product.edit({"name": "Мёд липовый, урожай 2026", "price": 550}, by=product.producer.owner)
    product.refresh_from_db()
    assert (product.name, product.price) == ("Мёд липовый", 500)
    assert product.is_live and product.status == ModerationStatus.DRAFT
    assert product.current_values()["name"] == "Мёд липовый, урожай 2026"
    product.submit(by=None)
    public = Product.objects.public().get(pk=product.pk)
    assert public.name == "Мёд липовый"
    product.approve(by=staff)
    product.refresh_from_db()
    assert (product.name, product.price, product.status) == (
        "Мёд липовый, урожай 2026",
        550,
        ModerationStatus.PUBLISHED,
    )


def test_refused_edit_of_a_published_product_leaves_it_public(staff):
    product = ProductFactory(name="Сыр")
    product.edit({"name": "Лучший сыр в мире"}, by=None)
    product.submit(by=None)
    product.refuse(by=staff, reason="Без превосходных степеней.")
    product.refresh_from_db()
    assert product.name == "Сыр" and product.is_live
    assert Product.objects.public().filter(pk=product.pk).exists()


def test_edit_of_a_draft_is_written_in_place():
    product = draft_product(name="Черновик")
    product.edit({"name": "Мёд горный"}, by=None)
    product.refresh_from_db()
    assert product.name == "Мёд горный"
    assert not product.change_requests.exists()


def test_edit_while_submitted_withdraws_the_submission():
    product = draft_product()
    request = product.submit(by=None)
    product.edit({"name": "Новое имя"}, by=None)
    request.refresh_from_db()
    product.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN
    assert product.status == ModerationStatus.DRAFT


def test_producer_categories_change_through_moderation(staff):
    tea, honey = CategoryFactory(slug="tea"), CategoryFactory(slug="honey")
    producer = ProducerFactory(categories=[tea])
    producer.edit({"categories": [honey]}, by=None)
    assert list(producer.categories.all()) == [tea]
    producer.submit(by=None)
    producer.approve(by=staff)
    assert list(producer.categories.all()) == [honey]


def test_history_keeps_every_decision(staff):
    product = draft_product()
    product.submit(by=None)
    product.refuse(by=staff, reason="Нет фото")
    product.submit(by=None)
    product.approve(by=staff)
    statuses = sorted(product.change_requests.values_list("status", flat=True))
    assert statuses == [RequestStatus.APPROVED, RequestStatus.REFUSED]
