"""With the page cache on, an API answer is dated by the tables it read as well as by its records:
a record that leaves a list moves Last-Modified, so If-Modified-Since never gets a stale 304."""

import datetime

import pytest
import time_machine
from django.utils.http import http_date, parse_http_date

from shelter.models import Pet
from tests.shelter.factories import PetFactory, ShelterIndexPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

START = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.UTC)


def test_a_pet_leaving_the_catalog_moves_last_modified(client, home):
    with time_machine.travel(START, tick=False):
        ShelterIndexPageFactory(parent=home)
        PetFactory(name="Барсик")
        leaving = PetFactory(name="Мурка")
        Pet.objects.update(updated_at=START - datetime.timedelta(days=9))
        first = client.get("/api/v1/pets/")
    assert first.status_code == 200
    assert parse_http_date(first["Last-Modified"]) >= START.timestamp()

    with time_machine.travel(START + datetime.timedelta(hours=1), tick=False):
        leaving.delete()  # no record left behind carries a newer updated_at
        again = client.get("/api/v1/pets/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200
    assert [pet["name"] for pet in again.json()["results"]] == ["Барсик"]
    assert parse_http_date(again["Last-Modified"]) > parse_http_date(first["Last-Modified"])


def test_an_unchanged_list_still_answers_304(client, home):
    with time_machine.travel(START, tick=False):
        ShelterIndexPageFactory(parent=home)
        PetFactory()
        first = client.get("/api/v1/pets/")
    with time_machine.travel(START + datetime.timedelta(hours=1), tick=False):
        kept = client.get("/api/v1/pets/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        later = http_date((START + datetime.timedelta(minutes=30)).timestamp())
        assert client.get("/api/v1/pets/", HTTP_IF_MODIFIED_SINCE=later).status_code == 304
    assert kept.status_code == 304
