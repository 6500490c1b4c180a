"""Factories of the volunteer programme: applications (accepted by default) and shifts."""

import datetime

import factory
from django.utils import timezone

from portal.consent import current as current_consent
from shelter.models import ShiftSignup, VolunteerApplication, VolunteerShift, VolunteerState
from tests.accounts.factories import make_user


class VolunteerApplicationFactory(factory.django.DjangoModelFactory):
    user = factory.Sequence(lambda n: make_user(f"volunteer-{n}", email_verified=True))
    full_name = factory.Sequence(lambda n: f"Анна Волонтёрова {n}")
    phone = "+79181234567"
    birth_date = datetime.date(1995, 5, 17)
    skills = ["walking_dogs"]
    availability = ["weekends"]
    consent_version = factory.LazyFunction(lambda: current_consent("volunteer").version)
    consented_at = factory.LazyFunction(timezone.now)
    state = VolunteerState.ACCEPTED

    class Meta:
        model = VolunteerApplication


class VolunteerShiftFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Выгул собак {n}")
    place = "Приют, ул. Калараша, 1"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=2))
    ends_at = factory.LazyAttribute(lambda shift: shift.starts_at + datetime.timedelta(hours=3))
    places = 3

    class Meta:
        model = VolunteerShift


class ShiftSignupFactory(factory.django.DjangoModelFactory):
    shift = factory.SubFactory(VolunteerShiftFactory)

    class Meta:
        model = ShiftSignup
