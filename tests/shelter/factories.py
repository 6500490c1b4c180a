"""Factories for the shelter."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from portal.consent import current as current_consent
from shelter.models import (
    AdoptionApplication,
    ApplicationEvent,
    Pet,
    PetPhoto,
    PetStatus,
    ShelterIndexPage,
    Step,
    Subscription,
)
from tests.factories import ImageFactory


class ShelterIndexPageFactory(wagtail_factories.PageFactory):
    title = "Приют: найди друга"
    slug = "shelter"
    intro = "Питомцы муниципального приюта ищут дом."

    class Meta:
        model = ShelterIndexPage


class PetFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Шарик {n}")
    species = "dog"
    breed = "метис"
    sex = "male"
    born_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=800))
    size = "medium"
    colour = "brown"
    coat = "short"
    description = "Добрый пёс."
    status = PetStatus.LOOKING
    is_public = True

    class Meta:
        model = Pet


class PetPhotoFactory(factory.django.DjangoModelFactory):
    pet = factory.SubFactory(PetFactory)
    image = factory.SubFactory(ImageFactory)
    sort_order = 0

    class Meta:
        model = PetPhoto


class ApplicationFactory(factory.django.DjangoModelFactory):
    pet = factory.SubFactory(PetFactory)
    name = "Анна Соколова"
    phone = "+79185550101"
    email = factory.Sequence(lambda n: f"applicant{n}@example.com")
    district = "central"
    housing = "flat"
    consent_version = factory.LazyFunction(lambda: current_consent("adoption").version)
    consented_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = AdoptionApplication
        skip_postgeneration_save = True

    @factory.post_generation
    def submitted(self, create, extracted, **kwargs):
        if create:
            ApplicationEvent.objects.create(application=self, to_step=Step.SUBMITTED)


class SubscriptionFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"reader{n}@example.com")
    query = ""
    consent_version = "2026-11-1"
    consented_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Subscription
