"""Pets for the catalog's tests: a few with known facts, and some that must never be found
(adopted, returned to the owner, hidden)."""

import datetime

from django.utils import timezone

from shelter.models import Pet, PetStatus
from tests.portal.search.database import database_search_backend
from tests.shelter.factories import PetFactory


def years_ago(years, days=0):
    today = timezone.localdate()
    return today.replace(year=today.year - years) - datetime.timedelta(days=days)


def make_catalog_pets(*, every_status=False):
    """Six catalog pets across the filters, plus three that are not in the catalog; with
    `every_status`, three more catalog pets, in foster care, reserved and under treatment."""
    made = {
        "kitten": PetFactory(
            name="Мурка",
            species="cat",
            sex="female",
            born_on=timezone.localdate() - datetime.timedelta(days=120),
            size="small",
            colour="ginger",
            coat="long",
            good_with_children="yes",
            good_with_cats="yes",
            description="Рыжая кошка, игривая.",
        ),
        "young_dog": PetFactory(
            name="Рекс",
            born_on=years_ago(2),
            size="large",
            colour="black",
            sterilised=True,
            vaccinated=True,
            good_with_children="no",
            good_with_dogs="yes",
            house_trained=True,
        ),
        "adult_dog": PetFactory(
            name="Найда",
            sex="female",
            born_on=years_ago(5),
            sterilised=True,
            vaccinated=True,
            good_with_children="unknown",
            description="Спокойная собака, любит детей.",
        ),
        "senior_cat": PetFactory(
            name="Васька",
            species="cat",
            born_on=years_ago(10),
            size="small",
            colour="grey",
            special_needs=True,
            good_with_dogs="no",
            description="Пожилой кот, любит кошек.",
        ),
        "rabbit": PetFactory(
            name="Кроша",
            species="other",
            breed="декоративный кролик",
            born_on=years_ago(1, 10),
            size="small",
            colour="white",
        ),
        "found": PetFactory(name="Жужа", status=PetStatus.FOUND, sex="female"),
        "adopted": PetFactory(name="Тоша", status=PetStatus.ADOPTED),
        "returned": PetFactory(name="Дымок", status=PetStatus.RETURNED),
        "hidden": PetFactory(name="Скрытый", is_public=False),
    }
    if every_status:
        made.update(
            foster=PetFactory(name="Бим", status=PetStatus.FOSTER, born_on=years_ago(3, 1)),
            reserved=PetFactory(name="Граф", status=PetStatus.RESERVED, vaccinated=True),
            treatment=PetFactory(name="Умка", status=PetStatus.TREATMENT, sex="female"),
        )
    database_search_backend().add_bulk(Pet, list(Pet.objects.all()))
    return made


CATALOG_NAMES = {"Мурка", "Рекс", "Найда", "Васька", "Кроша", "Жужа"}
