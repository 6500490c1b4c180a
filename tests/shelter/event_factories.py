"""Factories for the shelter's events with sign-ups and «Нужды приюта»."""

import datetime

import factory
from django.utils import timezone

from calendar_pages.models import EventCategory
from shelter.models import EventSignupSettings, NeedCategory, ShelterNeed
from tests.calendar_pages.factories import CityEventFactory


def in_days(days, hour=11):
    """A local moment `days` from today at `hour`."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class ShelterEventFactory(CityEventFactory):
    title = factory.Sequence(lambda n: f"Выставка питомцев № {n}")
    category = EventCategory.SHELTER_EXHIBITION
    place = "Парк «Ривьера»"
    starts_at = factory.LazyFunction(lambda: in_days(10))


class SignupSettingsFactory(factory.django.DjangoModelFactory):
    event = factory.SubFactory(ShelterEventFactory)
    visitor_places = 2
    volunteer_places = 1

    class Meta:
        model = EventSignupSettings


class ShelterNeedFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Корм для собак, партия {n}")
    category = NeedCategory.FOOD
    unit = "кг"
    quantity_needed = 100
    quantity_received = 20

    class Meta:
        model = ShelterNeed


def signup_for(signup_settings, user, kind="visitor"):
    """A sign-up through the one rule that gives places (shelter.event_signups)."""
    from portal.consent import current as current_consent
    from shelter.event_signups import sign_up

    return sign_up(
        signup_settings,
        user,
        kind=kind,
        name=f"Житель {user.username}",
        consent=current_consent("event_signup"),
    )
