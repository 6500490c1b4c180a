"""/api/v1/pets/: the catalog's records, counts and facets, and nothing that is not public."""

import pytest

from shelter.models import Pet, PetStatus
from tests.shelter.catalog_pets import make_catalog_pets
from tests.shelter.factories import PetFactory, PetPhotoFactory, ShelterIndexPageFactory

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "?species=dog",
    "?species=cat&size=small",
    "?sterilised=yes&children=unknown",
    "?q=кошка",
    "?q=собака&sort=oldest",
    "?age=senior",
]


@pytest.fixture
def catalog(home):
    ShelterIndexPageFactory(parent=home)
    return make_catalog_pets(every_status=True)


@pytest.mark.parametrize("query", QUERIES)
def test_the_list_counts_what_the_catalog_page_counts(client, catalog, query):
    page = client.get(f"/shelter/{query}")
    api = client.get(f"/api/v1/pets/{query}")
    assert page.status_code == api.status_code == 200
    data = api.json()
    assert data["count"] == page.context["pets_page"].paginator.count
    assert [pet["id"] for pet in data["results"]] == [
        pet.pk for pet in page.context["pets_page"].object_list
    ]
    html_facets = {
        name: [(option.value, option.count) for option in options]
        for name, options in page.context["facets"].items()
    }
    api_facets = {
        name: [(option["value"], option["count"]) for option in options]
        for name, options in data["facets"].items()
    }
    assert api_facets == html_facets


def test_records_outside_the_catalog_are_neither_listed_nor_served(client, catalog):
    hidden = PetFactory(name="Скрытый", is_public=False)
    adopted = PetFactory(name="Дома", status=PetStatus.ADOPTED)
    unpublished = PetFactory(name="Черновик")
    Pet.objects.filter(pk=unpublished.pk).update(published_at=None)
    listed = {pet["id"] for pet in client.get("/api/v1/pets/").json()["results"]}
    expected = set(Pet.objects.in_catalog().values_list("pk", flat=True))
    assert listed == expected
    for pet in (hidden, adopted, unpublished):
        assert pet.pk not in listed
        assert client.get(f"/api/v1/pets/{pet.pk}/").status_code == 404


def test_private_fields_are_never_serialised(client, home):
    ShelterIndexPageFactory(parent=home)
    pet = PetFactory(
        microchip_number="643094100123456",
        private_notes="Кусается при осмотре",
        intake_circumstances="Изъят у хозяина по заявлению соседей",
    )
    for body in (
        client.get("/api/v1/pets/").content,
        client.get(f"/api/v1/pets/{pet.pk}/").content,
    ):
        text = body.decode()
        assert pet.name in text
        for secret in ("643094100123456", "Кусается", "Изъят", "private_notes", "curator"):
            assert secret not in text


def test_a_record_carries_its_page_labels_and_photos(client, home):
    shelter = ShelterIndexPageFactory(parent=home)
    pet = PetFactory(name="Мухтар", species="dog")
    PetPhotoFactory(pet=pet)
    data = client.get(f"/api/v1/pets/{pet.pk}/").json()
    assert data["url"] == f"http://testserver{shelter.url}pets/{pet.pk}/"
    assert data["species"] == {"value": "dog", "label": "Собака"}
    (photo,) = data["photos"]
    assert photo["url"].startswith("http") and photo["width"] <= 1280


def test_refused_filters_answer_400_in_russian(client, catalog):
    response = client.get("/api/v1/pets/?species=dragon")
    assert response.status_code == 400
    assert response.json() == {"errors": ["Неизвестный вид животного."]}


def test_pages_link_to_their_neighbours(client, home, settings):
    ShelterIndexPageFactory(parent=home)
    for number in range(settings.PORTAL_PAGE_SIZE + 1):
        PetFactory(name=f"Пёс {number}")
    first = client.get("/api/v1/pets/?species=dog").json()
    assert first["pages"] == 2 and first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/pets/?species=dog&page=2"
    second = client.get(first["next"].removeprefix("http://testserver")).json()
    assert second["previous"] == "http://testserver/api/v1/pets/?species=dog"
    assert second["next"] is None and len(second["results"]) == 1


def test_any_site_may_read_it(client, catalog):
    response = client.get("/api/v1/pets/", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_client_that_asks_too_often_is_refused_in_russian(client, catalog, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "api": (2, 60)}
    assert client.get("/api/v1/pets/").status_code == 200
    assert client.get("/api/v1/pets/?species=cat").status_code == 200
    refused = client.get("/api/v1/pets/?species=dog")
    assert refused.status_code == 429
    assert "Слишком много запросов" in refused.json()["detail"]


def test_an_unchanged_list_answers_304(client, catalog):
    first = client.get("/api/v1/pets/")
    again = client.get("/api/v1/pets/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
