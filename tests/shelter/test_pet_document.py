"""The pet document: the catalog's public facts only, and only pets the catalog shows."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.search.es import indexes, tasks
from shelter.models import PetStatus
from shelter.search import PetDocument
from tests.shelter.catalog_pets import CATALOG_NAMES, make_catalog_pets
from tests.shelter.factories import ApplicationFactory, PetFactory

pytestmark = pytest.mark.django_db

PRIVATE_FIELDS = {
    "private_notes",
    "microchip_number",
    "intake_circumstances",
    "found_place",
    "curator",
    "applications",
    "status_changes",
    "last_verified_at",
}
SECRETS = {
    "private_notes": "Кусает ветеринара, только в наморднике",
    "microchip_number": "643094100123456",
    "intake_circumstances": "Сбит машиной, хозяин отказался",
    "found_place": "ул. Навагинская, 9, подъезд 2",
}


@pytest.fixture
def private_pet():
    curator = get_user_model().objects.create_user(
        "curator", "curator@example.com", "x", is_staff=True, first_name="Ирина"
    )
    pet = PetFactory(
        name="Лаки",
        species="dog",
        breed="лайка",
        sex="female",
        born_on=timezone.localdate() - datetime.timedelta(days=400),
        size="large",
        colour="white",
        coat="long",
        sterilised=True,
        vaccinated=False,
        microchipped=True,
        good_with_children="yes",
        good_with_dogs="no",
        good_with_cats="unknown",
        house_trained=True,
        special_needs=False,
        description="Лайка, любит долгие прогулки.",
        intake_on=datetime.date(2026, 9, 1),
        curator=curator,
        **SECRETS,
    )
    ApplicationFactory(pet=pet, name="Заявитель Секретный")
    return pet


def test_prepared_pet_holds_its_public_catalog_facts(private_pet):
    pet = private_pet
    data = PetDocument.from_object(pet).to_dict(include_meta=True)
    assert data["_id"] == pet.pk
    assert data["_source"] == {
        "pk": pet.pk,
        "name": "Лаки",
        "breed": "лайка",
        "description": "Лайка, любит долгие прогулки.",
        "species_label": "Собака",
        "species": "dog",
        "sex": "female",
        "size": "large",
        "colour": "white",
        "coat": "long",
        "born_on": pet.born_on,
        "sterilised": "yes",
        "vaccinated": "no",
        "house_trained": "yes",
        "special_needs": "no",
        "good_with_children": "yes",
        "good_with_dogs": "no",
        "good_with_cats": "unknown",
        "intake_on": datetime.date(2026, 9, 1),
        "published_at": pet.published_at,
    }


def test_private_data_is_never_in_the_mapping_nor_the_document(private_pet):
    assert not set(PetDocument._doc_type.mapping) & PRIVATE_FIELDS
    source = str(PetDocument.from_object(private_pet).to_dict())
    for secret in [*SECRETS.values(), "Ирина", "curator@example.com", "Заявитель Секретный"]:
        assert secret not in source


def test_only_pets_in_the_catalog_are_public():
    pets = make_catalog_pets()
    public = {pet.name for pet in PetDocument.public_queryset()}
    assert public == CATALOG_NAMES
    for status in (PetStatus.RESERVED, PetStatus.FOSTER, PetStatus.TREATMENT):
        assert PetFactory(status=status) in PetDocument.public_queryset()
    assert pets["adopted"] not in PetDocument.public_queryset()


def test_a_rebuild_loads_catalog_pets_and_nothing_else():
    pets = make_catalog_pets()
    actions = list(indexes.index_actions(PetDocument, "test_pets-1"))
    names = {action["_source"]["name"] for action in actions}
    assert names == CATALOG_NAMES
    never = {pets[key].pk for key in ("adopted", "returned", "hidden")}
    assert not never & {action["_id"] for action in actions}


def test_an_update_removes_pets_that_left_the_catalog_or_were_never_published():
    pets = make_catalog_pets()
    pks = [pets[key].pk for key in ("kitten", "adopted", "returned", "hidden")]
    actions = list(tasks.sync_actions(PetDocument, pks, "test_pets"))
    assert [action["_id"] for action in actions if "_source" in action] == [pets["kitten"].pk]
    removed = [action["_id"] for action in actions if action.get("_op_type") == "delete"]
    assert removed == pks[1:]


def test_pet_index_mapping_uses_the_russian_analyzer_and_exact_dates():
    body = indexes.index_definition(PetDocument, "test_pets-1").to_dict()
    properties = body["mappings"]["properties"]
    for text in ("breed", "description", "species_label"):
        assert properties[text] == {"type": "text", "analyzer": "russian_text"}
    assert properties["name"]["fields"] == {"raw": {"type": "keyword"}}
    for keyword in ("species", "sterilised", "good_with_children"):
        assert properties[keyword] == {"type": "keyword"}
    assert properties["born_on"] == {"type": "date"}
    assert properties["published_at"] == {"type": "date_nanos"}
    assert "russian_text" in body["settings"]["analysis"]["analyzer"]
