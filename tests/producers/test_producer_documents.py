"""The producer and product documents: the directory's public facts only, and only published
records (of published producers)."""

import datetime

import pytest

from portal.search.es import indexes, tasks
from producers.models import ChangeRequest, RequestStatus
from producers.search import ProducerDocument, ProductDocument
from tests.producers.catalog_directory import (
    PUBLIC_PRODUCERS,
    PUBLIC_PRODUCTS,
    TODAY,
    make_directory,
)

pytestmark = pytest.mark.django_db

PRIVATE_FIELDS = {
    "owner",
    "email",
    "phone",
    "inn",
    "ogrn",
    "consent_version",
    "consented_at",
    "status",
    "is_live",
    "change_requests",
    "reason",
    "brand_certificate",
    "price",
    "website",
    "telegram",
    "vk_url",
}


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(TODAY, tick=False)


@pytest.fixture
def directory(db):
    return make_directory()


def source(document, obj):
    data = document.from_object(obj).to_dict(include_meta=True)
    assert data["_id"] == obj.pk
    return data["_source"]


def test_prepared_producer_holds_its_public_directory_facts(directory):
    apiary = directory["apiary"]
    assert source(ProducerDocument, apiary) == {
        "pk": apiary.pk,
        "name": "Пасека Гулиевых",
        "description": "Каштановый и липовый мёд с горных пасек.",
        "legal_name": "ООО «Пасека Гулиевых»",
        "address": "г. Сочи, ул. Навагинская, 1",
        "categories": ["med"],
        "category_names": ["Мёд"],
        "district": "adlersky",
        "brand_valid_from": datetime.date(2025, 1, 1),
        "brand_valid_until": datetime.date(2027, 1, 1),
        # Its published honey is on sale all year; the refused one does not count.
        "months": list(range(1, 13)),
        "fair_dates": [datetime.date(2026, 11, 28), datetime.date(2026, 12, 12)],
    }


def test_a_producer_is_in_season_in_the_months_of_its_published_products(directory):
    # Tangerines (11, 12, 1) and lemons (2, 3); the grapefruit awaiting approval does not count.
    assert source(ProducerDocument, directory["grove"])["months"] == [1, 2, 3, 11, 12]


def test_past_fair_days_are_not_indexed(directory):
    assert "fair_dates" not in source(ProducerDocument, directory["grove"])


def test_brand_dates_without_a_certificate_are_not_a_mark(directory):
    dairy = source(ProducerDocument, directory["dairy"])
    assert "brand_valid_from" not in dairy and "brand_valid_until" not in dairy
    assert sorted(dairy["categories"]) == ["cheese", "med"]


def test_prepared_product_carries_its_producers_district_mark_and_fair_days(directory):
    chestnut = directory["chestnut"]
    assert source(ProductDocument, chestnut) == {
        "pk": chestnut.pk,
        "name": "Мёд каштановый",
        "description": "",
        "category": "med",
        "category_name": "Мёд",
        "producer_name": "Пасека Гулиевых",
        "district": "adlersky",
        "brand_valid_from": datetime.date(2025, 1, 1),
        "brand_valid_until": datetime.date(2027, 1, 1),
        "months": list(range(1, 13)),
        "fair_dates": [datetime.date(2026, 11, 28), datetime.date(2026, 12, 12)],
    }
    assert source(ProductDocument, directory["tangerines"])["months"] == [1, 11, 12]


def test_private_data_is_never_in_the_mappings_nor_the_documents(directory):
    apiary = directory["apiary"]
    apiary.email, apiary.phone = "owner-secret@example.org", "+79181234567"
    apiary.save()
    ChangeRequest.objects.create(
        producer=apiary, data={"name": "Тайное новое имя"}, status=RequestStatus.PENDING
    )
    ChangeRequest.objects.create(
        product=directory["chestnut"],
        data={"description": "Предложенное описание"},
        status=RequestStatus.REFUSED,
        reason="Причина отказа",
    )
    for document in (ProducerDocument, ProductDocument):
        assert not set(document._doc_type.mapping) & PRIVATE_FIELDS
    text = str(source(ProducerDocument, apiary)) + str(
        source(ProductDocument, directory["chestnut"])
    )
    secrets = [
        "owner-secret@example.org",
        "+79181234567",
        apiary.owner.email,
        apiary.owner.username,
        apiary.inn,
        apiary.ogrn,
        "ВС-1",
        "Тайное новое имя",
        "Предложенное описание",
        "Причина отказа",
        "500",
    ]
    for secret in secrets:
        assert secret not in text


def test_only_published_producers_and_their_published_products_are_public(directory):
    assert {p.name for p in ProducerDocument.public_queryset()} == PUBLIC_PRODUCERS
    assert {p.name for p in ProductDocument.public_queryset()} == PUBLIC_PRODUCTS


def test_a_rebuild_loads_the_public_records_and_nothing_else(directory):
    producers = list(indexes.index_actions(ProducerDocument, "test_producers-1"))
    products = list(indexes.index_actions(ProductDocument, "test_products-1"))
    assert {a["_source"]["name"] for a in producers} == PUBLIC_PRODUCERS
    assert {a["_source"]["name"] for a in products} == PUBLIC_PRODUCTS
    never = {directory[key].pk for key in ("hidden_honey", "refused", "submitted")}
    assert not never & {a["_id"] for a in products}
    assert directory["draft"].pk not in {a["_id"] for a in producers}


def test_a_rebuild_reads_the_related_facts_in_a_constant_number_of_queries(
    directory, django_assert_max_num_queries
):
    # The producers, their categories, products and fair days: one query each, not one per row.
    with django_assert_max_num_queries(4):
        list(indexes.index_actions(ProducerDocument, "test_producers-1"))
    with django_assert_max_num_queries(3):
        list(indexes.index_actions(ProductDocument, "test_products-1"))


def test_an_update_removes_records_that_are_not_public(directory):
    pks = [directory[key].pk for key in ("chestnut", "hidden_honey", "refused", "submitted")]
    actions = list(tasks.sync_actions(ProductDocument, pks, "test_products"))
    assert [a["_id"] for a in actions if "_source" in a] == [directory["chestnut"].pk]
    assert [a["_id"] for a in actions if a.get("_op_type") == "delete"] == pks[1:]
    pks = [directory["apiary"].pk, directory["draft"].pk]
    actions = list(tasks.sync_actions(ProducerDocument, pks, "test_producers"))
    assert [a.get("_op_type", "index") for a in actions] == ["index", "delete"]


def test_directory_mappings_use_the_russian_analyzer_keywords_and_dates(directory):
    for document, name in ((ProducerDocument, "producers"), (ProductDocument, "products")):
        body = indexes.index_definition(document, f"test_{name}-1").to_dict()
        properties = body["mappings"]["properties"]
        assert properties["name"] == {
            "type": "text",
            "analyzer": "russian_text",
            "fields": {"raw": {"type": "keyword"}},
        }
        assert properties["description"] == {"type": "text", "analyzer": "russian_text"}
        assert properties["district"] == {"type": "keyword"}
        assert properties["months"] == {"type": "integer"}
        for field in ("brand_valid_from", "brand_valid_until", "fair_dates"):
            assert properties[field] == {"type": "date"}
        assert "russian_text" in body["settings"]["analysis"]["analyzer"]
    producer = indexes.index_definition(ProducerDocument, "p").to_dict()["mappings"]
    assert producer["properties"]["categories"] == {"type": "keyword"}
    product = indexes.index_definition(ProductDocument, "p").to_dict()["mappings"]
    assert product["properties"]["category"] == {"type": "keyword"}
