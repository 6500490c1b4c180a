"""Many pets at once for query-count tests and benchmarks: one bulk insert, no photos, no search
index unless asked (indexing 10,000 pets takes a while)."""

import datetime
import itertools

from django.db import transaction
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from shelter.models import (
    CATALOG_STATUSES,
    Coat,
    Colour,
    Compatibility,
    Pet,
    PetStatus,
    Sex,
    Size,
    Species,
)

BATCH_SIZE = 1000
NAMES = ["Барсик", "Мурка", "Шарик", "Жучка", "Рыжик", "Белка", "Дружок", "Соня", "Тайга"]
BREEDS = {"dog": ["метис", "лайка", "овчарка"], "cat": ["метис", "британская"], "other": ["кролик"]}


@transaction.atomic
def bulk_create_pets(count, *, statuses=None, index=False, prefix="Питомец"):
    """Create `count` public pets cycling through every option, and return them."""
    statuses = statuses or CATALOG_STATUSES
    today = timezone.localdate()
    now = timezone.now()
    cycles = zip(
        range(count),
        itertools.cycle(Species.values),
        itertools.cycle(Sex.values),
        itertools.cycle(Size.values),
        itertools.cycle(Colour.values),
        itertools.cycle(Coat.values),
        itertools.cycle(Compatibility.values),
        itertools.cycle(statuses),
        strict=False,
    )
    pets = [
        Pet(
            name=f"{NAMES[number % len(NAMES)]} {prefix} {number}",
            species=species,
            breed=BREEDS[species][number % len(BREEDS[species])],
            sex=sex,
            born_on=today - datetime.timedelta(days=40 + (number * 37) % 5000),
            size=size,
            colour=colour,
            coat=coat,
            sterilised=number % 2 == 0,
            vaccinated=number % 3 != 0,
            good_with_children=compatibility,
            good_with_dogs=Compatibility.values[(number + 1) % 3],
            good_with_cats=Compatibility.values[(number + 2) % 3],
            house_trained=number % 4 == 0,
            special_needs=number % 10 == 0,
            description="Ласковый и спокойный питомец, ждёт семью.",
            intake_on=today - datetime.timedelta(days=number % 400),
            status=PetStatus(status),
            is_public=True,
            published_at=now - datetime.timedelta(minutes=number),
            last_verified_at=now,
        )
        for number, species, sex, size, colour, coat, compatibility, status in cycles
    ]
    created = Pet.objects.bulk_create(pets, batch_size=BATCH_SIZE)
    if index:
        get_search_backend().add_bulk(Pet, list(Pet.objects.filter(name__contains=prefix)))
    return created
