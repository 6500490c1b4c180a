"""Factories for project passports, and a fast way to create hundreds of them for load tests."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories

from projects.models import (
    BudgetLine,
    CommitteeMeeting,
    ControlPoint,
    ControlPointReport,
    Indicator,
    IndicatorFact,
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


def team_member(django_user_model, username):
    """A staff account in the project teams' group, as production makes them."""
    from django.contrib.auth.models import Group

    from portal import roles

    roles.ensure_roles()
    user = django_user_model.objects.create_user(username=username, email=f"{username}@sochi.test")
    user.groups.add(Group.objects.get(name=roles.PROJECT_TEAM))
    return user


def project_with_team(parent, administrator=None, head=None, **fields):
    """An approved project whose administrator and head are linked to the given accounts, with
    one control point and one indicator."""
    project = ProjectPageFactory(
        parent=parent,
        administrator=PersonFactory(user=administrator) if administrator else None,
        head=PersonFactory(user=head) if head else None,
        **fields,
    )
    ControlPointFactory(page=project)
    IndicatorFactory(page=project)
    return project


class ControlPointReportFactory(factory.django.DjangoModelFactory):
    control_point = factory.SubFactory(ControlPointFactory)
    project = factory.LazyAttribute(lambda report: report.control_point.page)
    completed_on = datetime.date(2026, 11, 20)
    evidence_link = "https://sochi.ru/projects/evidence/1"
    comment = "Работы завершены."

    class Meta:
        model = ControlPointReport


class IndicatorFactFactory(factory.django.DjangoModelFactory):
    indicator = factory.SubFactory(IndicatorFactory)
    project = factory.LazyAttribute(lambda fact: fact.indicator.page)
    year = 2026
    value = Decimal(15)
    evidence_link = "https://sochi.ru/projects/evidence/2"

    class Meta:
        model = IndicatorFact


class CommitteeMeetingFactory(factory.django.DjangoModelFactory):
    held_on = datetime.date(2026, 10, 15)
    number = factory.Sequence(lambda n: f"ПК-{n}")

    class Meta:
        model = CommitteeMeeting
