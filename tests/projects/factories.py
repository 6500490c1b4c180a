"""Factories for project passports, and a fast way to create hundreds of them for load tests."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

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


@transaction.atomic
def bulk_create_projects(index_page, count, points_each=3):
    """Add `count` live projects, each with control points, under index_page in a few queries.

    Tree rows are written with bulk_create (paths as treebeard computes them), as
    news.seeding.bulk_create_news does; the pages have no revisions and are not indexed.
    """
    index_page = Page.objects.get(pk=index_page.pk)
    content_type = ContentType.objects.get_for_model(ProjectPage)
    now = timezone.now()
    first = index_page.numchild + 1
    pages = []
    for offset in range(count):
        slug = f"project-load-{first + offset}"
        pages.append(
            Page(
                title=f"Нагрузочный проект {first + offset}",
                draft_title=f"Нагрузочный проект {first + offset}",
                slug=slug,
                content_type=content_type,
                path=Page._get_path(index_page.path, index_page.depth + 1, first + offset),
                depth=index_page.depth + 1,
                numchild=0,
                url_path=f"{index_page.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale_id=index_page.locale_id,
            )
        )
    Page.objects.bulk_create(pages)
    by_path = dict(Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk"))
    points = []
    for offset, page in enumerate(pages):
        project = ProjectPage(
            page_ptr_id=by_path[page.path],
            short_name=page.title,
            sector=list(Sector)[offset % len(Sector)],
            status=list(ProjectStatus)[offset % len(ProjectStatus)],
            start_on=datetime.date(2026, 1, 1),
            end_on=datetime.date(2027, 12, 31),
        )
        project.save_base(raw=True)
        points += [
            ControlPoint(
                page_id=project.page_ptr_id,
                title=f"Точка {number}",
                planned_on=datetime.date(2026, 6, 1) + datetime.timedelta(days=90 * number),
                actual_on=datetime.date(2026, 6, 1) if number == 0 else None,
                sort_order=number,
            )
            for number in range(points_each)
        ]
    ControlPoint.objects.bulk_create(points)
    Page.objects.filter(pk=index_page.pk).update(numchild=index_page.numchild + count)
