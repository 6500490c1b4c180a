"""A site with every section and, in each set, records the public sees and records it must not."""

import datetime
from types import SimpleNamespace

import pytest

from calendar_pages.models import FacilityStatus
from contest.models import Vote
from contest.results import publish_results
from producers.models import ModerationStatus
from tests.calendar_pages.factories import (
    CalendarIndexPageFactory,
    CityEventFactory,
    FacilityFactory,
)
from tests.contest.factories import (
    CLOSES,
    ContestIndexPageFactory,
    ContestPageFactory,
    accepted_entry,
)
from tests.producers.factories import (
    CategoryFactory,
    FairDayFactory,
    FairFactory,
    FairScheduleFactory,
    ProducerFactory,
    ProducerIndexPageFactory,
    ProductFactory,
    UserFactory,
)
from tests.projects.factories import BudgetLineFactory, ProjectIndexPageFactory, ProjectPageFactory
from tests.shelter.factories import PetFactory, ShelterIndexPageFactory

AFTER_VOTING = CLOSES + datetime.timedelta(hours=1)
# What only staff (or nobody) may see: none of it may appear in any file of any set.
SECRETS = {
    "microchip": "643094100012345",
    "pet_notes": "Секретная заметка приюта",
    "intake": "Изъят по акту № 77",
    "hidden_pet": "Невидимка",
    "draft_producer": "Пасека «Черновик»",
    "refused_producer": "Пасека «Отказ»",
    "draft_product": "Мёд «Неодобренный»",
    "draft_project": "Проект «Черновик»",
    "voter_email": "voter-secret@example.com",
    "unpublished_entry": "ТОС «Без итогов»",
}
# Columns no set may have: staff-only fields of the records behind it (a pet's curator is a staff
# account; a project's curator is a public role on its passport, so that set may name one).
PRIVATE_FIELD_NAMES = {
    "shelter-pets": ["microchip_number", "private_notes", "intake_circumstances", "curator"],
    "local-producers": ["owner", "consent_version", "consented_at", "is_live", "status"],
    "local-products": ["is_live", "status", "image"],
    "facilities": ["recorded_by"],
    "tos-contest-results": [
        "receipt_code",
        "voter",
        "network",
        "phone_prefix",
        "published_by",
        "chair",
    ],
}
EVERY_SET_PRIVATE = ["voter", "receipt_code", "owner", "private_notes", "microchip_number"]


def _votes(contest, entries, first_voter_email):
    for number, entry in enumerate(entries):
        email = first_voter_email if number == 0 else f"v{contest.pk}-{number}@example.com"
        voter = UserFactory(email=email)
        Vote.objects.create(
            contest=contest, entry=entry, voter=voter, receipt_code=f"RC-{contest.pk}-{number}"
        )


@pytest.fixture
def records(home, admin_user):
    """Index pages under the home page, and public and private records of every set."""
    CalendarIndexPageFactory(parent=home)
    projects = ProjectIndexPageFactory(parent=home)
    ShelterIndexPageFactory(parent=home)
    ProducerIndexPageFactory(parent=home)
    contests = ContestIndexPageFactory(parent=home)

    facility = FacilityFactory(name="Школа на Виноградной", budget=1500)
    FacilityFactory(
        name="Детский сад",
        status=FacilityStatus.COMMISSIONED,
        progress=100,
        planned_on_original=datetime.date(2026, 9, 1),
        commissioned_on=datetime.date(2026, 10, 1),
        latitude=43.58,
        longitude=39.72,
    )
    CityEventFactory(title="Выставка собак")

    project = ProjectPageFactory(parent=projects, title="Сочи помнит")
    BudgetLineFactory(page=project, amount=250)
    ProjectPageFactory(parent=projects, title=SECRETS["draft_project"], live=False)

    pet = PetFactory(
        name="Барсик",
        microchipped=True,
        microchip_number=SECRETS["microchip"],
        private_notes=SECRETS["pet_notes"],
        intake_circumstances=SECRETS["intake"],
        curator=admin_user,
    )
    PetFactory(name=SECRETS["hidden_pet"], is_public=False)
    PetFactory(name="Найдёныш-усыновлён", status="adopted")

    honey = CategoryFactory(name="Мёд", slug="med")
    producer = ProducerFactory(name="Пасека «Горная»", phone="+78622000000", categories=[honey])
    ProductFactory(producer=producer, name="Мёд каштановый", category=honey)
    ProductFactory(
        producer=producer,
        name=SECRETS["draft_product"],
        is_live=False,
        status=ModerationStatus.SUBMITTED,
    )
    draft = ProducerFactory(
        name=SECRETS["draft_producer"], is_live=False, status=ModerationStatus.SUBMITTED
    )
    ProductFactory(producer=draft, name="Мёд черновика")
    ProducerFactory(
        name=SECRETS["refused_producer"], is_live=False, status=ModerationStatus.REFUSED
    )

    fair = FairFactory(name="Фермерский дворик")
    FairScheduleFactory(fair=fair)
    FairDayFactory(fair=fair, date=datetime.date(2026, 12, 5))

    published = ContestPageFactory(parent=contests, title="Конкурс ТОС 2026")
    entries = [accepted_entry(published, title=f"ТОС «Участник {n}»") for n in range(2)]
    _votes(published, entries, SECRETS["voter_email"])
    publish_results(published, by=admin_user, now=AFTER_VOTING)
    pending = ContestPageFactory(parent=contests, title="Конкурс без итогов")
    pending_entry = accepted_entry(pending, title=SECRETS["unpublished_entry"])
    _votes(pending, [pending_entry], "pending-voter@example.com")

    return SimpleNamespace(
        facility=facility, project=project, pet=pet, producer=producer, fair=fair, contest=published
    )
