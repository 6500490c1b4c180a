"""Demo content of the shelter: the catalog page at /shelter/, 60 pets in every status with
Pillow-drawn portraits, a few applications at various steps, and shelter events in the city
calendar (data/events.csv). Idempotent: pets are matched by name, events by title, so a second
run creates nothing.
"""

import datetime
from io import BytesIO
from pathlib import Path

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection

from calendar_pages.demo.loader import ensure_events, rows
from portal.consent import current as current_consent
from portal.sections import SECTIONS, ensure_section_page
from shelter.demo.content import (
    CAT_BREEDS,
    CAT_NAMES,
    DESCRIPTIONS,
    DOG_BREEDS,
    DOG_NAMES,
    FEMALE,
    OTHER_NAMES,
    PLACES,
)
from shelter.demo.events import load_events_and_needs
from shelter.demo.images import draw_pet
from shelter.demo.volunteers import ensure_shifts, ensure_volunteer
from shelter.models import (
    AdoptionApplication,
    ApplicationEvent,
    Pet,
    PetPhoto,
    PetStatus,
    ShelterIndexPage,
    Step,
)

DATA_DIR = Path(__file__).parent / "data"
SECTION = next(section for section in SECTIONS if section.slug == "shelter")
DEMO_TODAY = datetime.date(2026, 11, 26)
INTRO = (
    "Питомцы муниципального приюта Сочи ищут дом. Выберите друга по фильтрам, добавьте в "
    "избранное и подайте заявку онлайн — за её ходом можно следить по личной ссылке."
)
CONTACTS = "Муниципальный приют для животных: ул. Гастелло, 45, Сочи. Телефон: +7 (862) 555-01-23."
# Every status appears; most pets are looking for a home.
STATUS_CYCLE = [
    PetStatus.LOOKING,
    PetStatus.LOOKING,
    PetStatus.FOUND,
    PetStatus.LOOKING,
    PetStatus.RESERVED,
    PetStatus.ADOPTED,
    PetStatus.FOSTER,
    PetStatus.LOOKING,
    PetStatus.TREATMENT,
    PetStatus.ADOPTED,
    PetStatus.LOOKING,
    PetStatus.RETURNED,
]
SIZES, COATS = ["small", "medium", "large"], ["short", "medium", "long", "short"]
COLOURS = ["black", "white", "ginger", "grey", "brown", "tabby", "mixed"]
COMPATIBILITY = ["yes", "yes", "unknown", "no"]


def load_demo(home, note):
    """Replace the shelter section's placeholder page and fill the shelter."""
    page = ensure_section_page(
        home,
        ShelterIndexPage,
        note,
        slug=SECTION.slug,
        title=SECTION.title,
        intro=INTRO,
        contacts=CONTACTS,
    )
    pets = ensure_pets(note)
    ensure_applications(pets, note)
    ensure_events(rows("events.csv", DATA_DIR), note)
    load_events_and_needs(page, DATA_DIR, note)
    # The volunteer programme: a schedule of shifts and one accepted volunteer.
    ensure_volunteer(ensure_shifts(DATA_DIR, note), note)
    return page


def pet_rows():
    names = [("dog", name) for name in DOG_NAMES] + [("cat", name) for name in CAT_NAMES]
    names += [("other", name) for name in OTHER_NAMES]
    for number, (species, name) in enumerate(names):
        breeds = {"dog": DOG_BREEDS, "cat": CAT_BREEDS, "other": ["декоративный кролик"]}[species]
        yield (
            number,
            {
                "name": name,
                "species": species,
                "breed": breeds[number % len(breeds)],
                "sex": "female" if name in FEMALE else "male",
                "born_on": DEMO_TODAY - datetime.timedelta(days=90 + (number * 211) % 4200),
                "born_on_estimated": number % 3 != 0,
                "size": SIZES[number % 3] if species == "dog" else "small",
                "colour": COLOURS[number % len(COLOURS)],
                "coat": COATS[number % len(COATS)],
                "sterilised": number % 3 != 1,
                "vaccinated": number % 4 != 3,
                "vaccinated_on": DEMO_TODAY - datetime.timedelta(days=20 + number * 3)
                if number % 4 != 3
                else None,
                "microchipped": number % 2 == 0,
                "microchip_number": f"643094100{number:06d}" if number % 2 == 0 else "",
                "good_with_children": COMPATIBILITY[number % 4],
                "good_with_dogs": COMPATIBILITY[(number + 1) % 4],
                "good_with_cats": COMPATIBILITY[(number + 2) % 4],
                "house_trained": number % 3 == 0,
                "special_needs": number % 11 == 5,
                "special_needs_description": "Нужна диета и осмотр раз в полгода."
                if number % 11 == 5
                else "",
                "description": DESCRIPTIONS[number % len(DESCRIPTIONS)],
                "intake_on": DEMO_TODAY - datetime.timedelta(days=1 + (number * 7) % 300),
                "intake_circumstances": "Поступил(а) по заявке жителей.",
                "found_place": PLACES[number % len(PLACES)],
            },
        )


def ensure_pets(note):
    existing = {pet.name: pet for pet in Pet.objects.all()}
    collection = Collection.get_first_root_node()
    image_model = get_image_model()
    now = timezone.now()
    pets = []
    for number, row in pet_rows():
        if row["name"] in existing:
            pets.append(existing[row["name"]])
            continue
        status = STATUS_CYCLE[number % len(STATUS_CYCLE)]
        # The demo writes the end state directly with a history row; staff use change_status().
        pet = Pet.objects.create(
            **row,
            status=status,
            is_public=not (status == PetStatus.FOUND and number % 2 == 0 and number > 30),
            last_verified_at=now - datetime.timedelta(days=(number * 5) % 45),
        )
        if status != PetStatus.FOUND:
            pet.status_changes.create(from_status=PetStatus.FOUND, to_status=status)
        for index in range(3 if number < 6 else 1):
            image = image_model.objects.create(
                title=f"{pet.name}, фото {index + 1}",
                collection=collection,
                file=ImageFile(
                    BytesIO(draw_pet(row["species"], row["colour"], number * 10 + index)),
                    name=f"shelter-pet-{number}-{index}.jpg",
                ),
            )
            PetPhoto.objects.create(pet=pet, image=image, sort_order=index)
        pets.append(pet)
        note(f"pet «{pet.name}»")
    return pets


def ensure_applications(pets, note):
    if AdoptionApplication.objects.exists():
        return
    consent = current_consent("adoption")
    looking = [pet for pet in pets if pet.status == PetStatus.LOOKING]
    steps = [
        [],
        [Step.SCREENING],
        [Step.SCREENING, Step.MEETING],
        [Step.SCREENING, Step.MEETING, Step.APPROVED],
        [Step.CLOSED],
    ]
    messages = {
        Step.SCREENING: "Спасибо за заявку! Мы изучаем анкету и скоро позвоним.",
        Step.MEETING: "Ждём вас на знакомство в субботу в 12:00 по адресу ул. Гастелло, 45.",
        Step.APPROVED: "Заявка одобрена! Договоримся о дне, когда заберёте друга.",
        Step.CLOSED: "К сожалению, питомцу нужен дом с участком. Посмотрите других наших друзей.",
    }
    for number, (pet, path) in enumerate(zip(looking, steps, strict=False)):
        application = AdoptionApplication.objects.create(
            pet=pet,
            name=["Анна Соколова", "Игорь Петренко", "Мария Ким", "Олег Арутюнян", "Елена Волкова"][
                number
            ],
            phone=f"+7918{5550100 + number}",
            email=f"applicant{number + 1}@example.com",
            district=["central", "adlersky", "khostinsky", "lazarevsky", "central"][number],
            housing=["flat", "house", "flat", "house", "rented"][number],
            experience="Раньше у нас жила собака 12 лет.",
            message=f"Очень понравился(ась) {pet.name}, хотим познакомиться.",
            consent_version=consent.version,
            consented_at=timezone.now(),
        )
        ApplicationEvent.objects.create(application=application, to_step=Step.SUBMITTED)
        for step in path:
            application.advance(step, message=messages[step], notify=False)
        note(f"application of «{application.name}» for «{pet.name}»")
