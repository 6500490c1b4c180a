"""Demo content of the commissioning calendar: the calendar page, facilities of 2023 and 2026
(some on time, some late with their replans), and city events of the coming months.

The data is in data/*.csv (`;`-separated, one row a facility, replan or event). Idempotent:
facilities are matched by slug and events by title, so a second run creates nothing. The dates
are fixed and read right on the demo's "today", 26 November 2026.
"""

import csv
import datetime
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from calendar_pages.models import CalendarIndexPage, CityEvent, Facility, FacilityStatus
from portal.sections import SECTIONS, ensure_section_page

DATA_DIR = Path(__file__).parent / "data"
DEMO_TODAY = datetime.date(2026, 11, 26)
SECTION = next(section for section in SECTIONS if section.slug == "calendar")
INTRO = (
    "Городской календарь ввода объектов: школы, детские сады, дороги, парки, спортивные площадки, "
    "поликлиники и сети. Для каждого объекта — первоначальный и текущий плановый срок, фактическая "
    "дата ввода и все переносы сроков с причинами и документами."
)
DEPARTMENTS = {
    "school": "Департамент по образованию и науке",
    "kindergarten": "Департамент по образованию и науке",
    "road": "Департамент транспорта и дорожного хозяйства",
    "park": "Департамент городского хозяйства",
    "sports": "Управление по физической культуре и спорту",
    "healthcare": "Департамент строительства",
    "culture": "Управление культуры",
    "utilities": "Департамент городского хозяйства",
}
CONTRACTORS = ["АО «Черноморстрой»", "ООО «Сочиспецстрой»", "ООО «Кубань-Дорстрой»"]


def rows(name, data_dir=DATA_DIR):
    """The rows of a `;`-separated demo data file, as dicts by column name."""
    with open(data_dir / name, encoding="utf-8", newline="") as data:
        return list(csv.DictReader(data, delimiter=";"))


def date_or_none(text):
    return datetime.date.fromisoformat(text) if text else None


def load_demo(home, note):
    """Replace the calendar section's placeholder page and fill the calendar."""
    index_page = ensure_section_page(
        home, CalendarIndexPage, note, slug=SECTION.slug, title=SECTION.title, intro=INTRO
    )
    ensure_facilities(note)
    ensure_events(rows("events.csv"), note)
    return index_page


def ensure_facilities(note):
    existing = set(Facility.objects.values_list("slug", flat=True))
    replans = rows("replans.csv")
    for number, row in enumerate(rows("facilities.csv")):
        if row["slug"] in existing:
            continue
        progress = int(row["progress"])
        facility = Facility.objects.create(
            slug=row["slug"],
            name=row["name"],
            facility_type=row["type"],
            district=row["district"],
            address=f"г. Сочи, {row['address']}",
            latitude=Decimal(row["latitude"]),
            longitude=Decimal(row["longitude"]),
            planned_on_original=date_or_none(row["planned_on"]),
            forecast_on=date_or_none(row["forecast_on"]),
            status=FacilityStatus.UNDER_CONSTRUCTION if progress else FacilityStatus.PLANNED,
            progress=progress,
            department=DEPARTMENTS[row["type"]],
            contractor=CONTRACTORS[number % len(CONTRACTORS)],
            budget=Decimal(35_000 + 7_250 * (number % 11)),
            description=f"{row['name']}. Объект муниципальной программы города Сочи.",
            control_point="Ввод объекта в эксплуатацию",
        )
        for replan in (r for r in replans if r["slug"] == facility.slug):
            reason = replan["reason"]
            reference = reason.rsplit(", ", 1)[-1]
            facility.replan(
                date_or_none(replan["new_planned_on"]),
                reason,
                by=None,
                document_reference=reference,
            )
        commissioned_on = date_or_none(row["commissioned_on"])
        if commissioned_on is not None:
            status = FacilityStatus.COMMISSIONED
        elif facility.planned_on < DEMO_TODAY:
            status = FacilityStatus.DELAYED
        else:
            status = facility.status
        Facility.objects.filter(pk=facility.pk).update(
            commissioned_on=commissioned_on, status=status
        )
        note(f"facility «{facility.name}»")


def ensure_events(events, note):
    """City events from data rows (title, category, place, starts_at, hours, description); an
    event whose title exists is left as it is. Other sections' demos add their events here too."""
    existing = set(CityEvent.objects.values_list("title", flat=True))
    for row in events:
        if row["title"] in existing:
            continue
        starts_at = timezone.make_aware(datetime.datetime.fromisoformat(row["starts_at"]))
        CityEvent.objects.create(
            title=row["title"],
            category=row["category"],
            place=row["place"],
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=int(row["hours"])),
            description=row["description"],
        )
        note(f"city event «{row['title']}»")
