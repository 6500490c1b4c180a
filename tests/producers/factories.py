"""Factories for producers, products and fairs."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from portal.bitsets import mask_of
from producers.models import (
    Category,
    Fair,
    FairDay,
    FairFormat,
    FairSchedule,
    LegalForm,
    ModerationStatus,
    Producer,
    ProducerIndexPage,
    Product,
)
from producers.validators import with_inn_check, with_ogrn_check


class ProducerIndexPageFactory(wagtail_factories.PageFactory):
    title = "Выбирай сочинское!"
    slug = "producers"
    intro = "Каталог местных производителей."

    class Meta:
        model = ProducerIndexPage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.django.Password("correct horse battery")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """verified=True (default) gives the account a confirmed e-mail address."""
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class CategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Категория {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")

    class Meta:
        model = Category
        django_get_or_create = ["slug"]


class ProducerFactory(factory.django.DjangoModelFactory):
    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Пасека № {n}")
    slug = factory.Sequence(lambda n: f"producer-{n}")
    legal_form = LegalForm.ORGANISATION
    legal_name = factory.LazyAttribute(lambda o: f"ООО «{o.name}»")
    inn = factory.Sequence(lambda n: with_inn_check(f"23{n:07d}"))
    ogrn = factory.Sequence(lambda n: with_ogrn_check(f"10223{n:07d}"))
    district = "central"
    address = "г. Сочи, ул. Навагинская, 1"
    status = ModerationStatus.PUBLISHED
    is_live = True

    class Meta:
        model = Producer
        skip_postgeneration_save = True

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.categories.set(extracted)


class ProductFactory(factory.django.DjangoModelFactory):
    producer = factory.SubFactory(ProducerFactory)
    name = factory.Sequence(lambda n: f"Мёд № {n}")
    category = factory.SubFactory(CategoryFactory)
    unit = "банка 0,5 л"
    price = Decimal("500")
    price_date = datetime.date(2026, 11, 1)
    months = mask_of(range(1, 13))
    status = ModerationStatus.PUBLISHED
    is_live = True

    class Meta:
        model = Product


class FairFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Ярмарка № {n}")
    slug = factory.Sequence(lambda n: f"fair-{n}")
    fair_format = FairFormat.FARM_YARD
    district = "central"
    address = "г. Сочи, ул. Донская, 10"
    organiser = "Управление потребительского рынка"
    trading_places = 10

    class Meta:
        model = Fair


class FairScheduleFactory(factory.django.DjangoModelFactory):
    fair = factory.SubFactory(FairFactory)
    weekdays = mask_of([6, 7])
    opens_at = datetime.time(8)
    closes_at = datetime.time(15)

    class Meta:
        model = FairSchedule


class FairDayFactory(factory.django.DjangoModelFactory):
    fair = factory.SubFactory(FairFactory)
    date = datetime.date(2026, 11, 28)
    opens_at = datetime.time(8)
    closes_at = datetime.time(15)

    class Meta:
        model = FairDay
