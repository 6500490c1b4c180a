"""The page cache keeps the catalogue, the passports and the files, and makes them again once the
records behind them change (portal.page_cache: the tables a response read)."""

import datetime

import pytest
from django.utils import timezone

from shelter.models import Pet
from tests.portal.opendata.files import current_path
from tests.portal.page_cache.conftest import with_site_settings
from tests.portal.page_cache.visits import fresh, kept
from tests.shelter.factories import PetFactory, ShelterIndexPageFactory

# serialized_rollback: Wagtail's root page and default site come back after each flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def home(transactional_db, page_cache):
    from tests.factories import build_site

    return with_site_settings(build_site()[0])


@pytest.fixture
def pet(home):
    ShelterIndexPageFactory(parent=home)
    pet = PetFactory(name="Барсик")
    Pet.objects.filter(pk=pet.pk).update(updated_at=timezone.now() - datetime.timedelta(days=9))
    return pet


def test_files_are_served_from_the_cache_and_made_again_after_a_change(client, pet):
    data = current_path(client, "shelter-pets")
    meta = data.rsplit("/", 1)[0] + "/meta.csv"
    for url in (data, meta, "/opendata/", "/opendata/list.csv"):
        kept(client, url)
    assert "Барсик" in kept(client, data)

    pet.name = "Персик"
    pet.save()

    today = timezone.localdate().strftime("%Y%m%d")
    assert f"modified,{today}" in fresh(client, meta)
    catalogue = fresh(client, "/opendata/")
    fresh(client, data, status_code=404)  # the old date: no longer the current file
    new = current_path(client, "shelter-pets")
    assert new != data and f'href="{new}"' in catalogue
    assert "Персик" in fresh(client, new)
    assert "Персик" in kept(client, new)


def test_a_change_on_the_same_day_makes_the_same_file_afresh(client, pet):
    pet.save()  # the set's last change is today
    data = current_path(client, "shelter-pets")
    assert "Барсик" in kept(client, data)

    pet.name = "Персик"
    pet.save()

    assert current_path(client, "shelter-pets") == data
    body = fresh(client, data)
    assert "Персик" in body and "Барсик" not in body
