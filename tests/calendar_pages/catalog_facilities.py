"""Facilities for the facility catalog's search tests: known districts, types, statuses, dates
and progress."""

import datetime

from calendar_pages.models import District, FacilityStatus, FacilityType
from tests.calendar_pages.factories import FacilityFactory


def make_catalog_facilities():
    """Six facilities across districts, types and statuses, two in November 2026."""
    rows = [
        ("Школа № 1 на Макаренко", District.CENTRAL, FacilityType.SCHOOL, "2026-11-10", 40),
        ("Детский сад «Ёлочка»", District.ADLERSKY, FacilityType.KINDERGARTEN, "2026-11-20", 90),
        ("Школа искусств", District.ADLERSKY, FacilityType.SCHOOL, "2026-12-05", 10),
        ("Парк Ривьера", District.CENTRAL, FacilityType.PARK, "2027-02-01", 70),
        ("Дорога на Красную Поляну", District.ADLERSKY, FacilityType.ROAD, "2027-05-15", 20),
        (
            "Поликлиника в Лазаревском",
            District.LAZAREVSKY,
            FacilityType.HEALTHCARE,
            "2027-03-01",
            55,
        ),
    ]
    return [
        FacilityFactory(
            name=name,
            district=district,
            facility_type=kind,
            planned_on_original=datetime.date.fromisoformat(day),
            status=FacilityStatus.DELAYED if progress < 15 else FacilityStatus.UNDER_CONSTRUCTION,
            progress=progress,
            description="Строительство ведёт подрядчик по муниципальному контракту.",
        )
        for name, district, kind, day, progress in rows
    ]
