"""Factories for project passports, and a fast way to create hundreds of them for load tests."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories

from projects.models import (
    BudgetLine,
    ControlPoint,
    Indicator,
    Person,
    ProjectIndexPage,
    ProjectPage,
    ProjectStatus,
    Sector,
)


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Иван Петрович Сотрудник {n}")
    position = "Начальник управления"

    class Meta:
        model = Person


class ProjectIndexPageFactory(wagtail_factories.PageFactory):
    title = "Муниципальные проекты"
    slug = "projects"
    intro = "Паспорта муниципальных проектов."

    class Meta:
        model = ProjectIndexPage


class ProjectPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Проект {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    short_name = factory.LazyAttribute(lambda page: page.title)
    sector = Sector.EDUCATION
    status = ProjectStatus.APPROVED
    start_on = datetime.date(2026, 3, 1)
    end_on = datetime.date(2027, 12, 31)
    goals = "<p>Цели проекта.</p>"

    class Meta:
        model = ProjectPage


class ControlPointFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Контрольная точка {n}")
    planned_on = datetime.date(2026, 12, 1)
    sort_order = factory.Sequence(int)

    class Meta:
        model = ControlPoint


class IndicatorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Показатель {n}")
    unit = "шт."
    baseline_value = Decimal(10)
    baseline_year = 2025
    targets = "2026: 20; 2027: 30"
    sort_order = factory.Sequence(int)

    class Meta:
        model = Indicator


class BudgetLineFactory(factory.django.DjangoModelFactory):
    source = "city"
    year = 2026
    amount = Decimal("100.0")
    sort_order = factory.Sequence(int)

    class Meta:
        model = BudgetLine
