"""Factories for the commissioning calendar."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from calendar_pages.models import (
    CalendarIndexPage,
    CityEvent,
    District,
    EventCategory,
    Facility,
    FacilityStatus,
    FacilityType,
)


class CalendarIndexPageFactory(wagtail_factories.PageFactory):
    title = "Календарь ввода объектов"
    slug = "calendar"
    intro = "Плановые и фактические даты ввода объектов."

    class Meta:
        model = CalendarIndexPage


class FacilityFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Школа № {n}")
    slug = factory.Sequence(lambda n: f"facility-{n}")
    facility_type = FacilityType.SCHOOL
    district = District.CENTRAL
    address = factory.Sequence(lambda n: f"ул. Навагинская, {n}")
    planned_on_original = datetime.date(2026, 12, 15)
    status = FacilityStatus.UNDER_CONSTRUCTION
    progress = 50
    department = "Департамент строительства"
    contractor = "ООО «Сочистрой»"

    class Meta:
        model = Facility


class CityEventFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Ярмарка выходного дня № {n}")
    category = EventCategory.FAIR
    place = "Площадь у морвокзала"
    starts_at = factory.LazyFunction(
        lambda: timezone.make_aware(datetime.datetime(2026, 11, 28, 9, 0))
    )
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=8))

    class Meta:
        model = CityEvent


def bulk_create_facilities(count, first_day=datetime.date(2020, 1, 1), prefix="load"):
    """`count` facilities in one insert, one every three days from first_day (no search index)."""
    districts, types = list(District), list(FacilityType)
    facilities = []
    for number in range(count):
        day = first_day + datetime.timedelta(days=3 * number)
        facilities.append(
            Facility(
                name=f"Объект {prefix} {number}",
                slug=f"{prefix}-{number}",
                facility_type=types[number % len(types)],
                district=districts[number % len(districts)],
                address=f"ул. Виноградная, {number}",
                planned_on_original=day,
                planned_on=day,
                status=FacilityStatus.UNDER_CONSTRUCTION,
                progress=number % 101,
            )
        )
    return Facility.objects.bulk_create(facilities, batch_size=1000)
