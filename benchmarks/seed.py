"""Cheap seeding for the benchmark: news, facilities, projects, pets, producers, products in bulk.

Runs in the --seed subprocess of run.py, on a copy of the database load_demo filled (24 news,
40 facilities, 33 projects). News come from news.demo.seeding.bulk_create_news, projects from
projects.demo.seeding.bulk_create_projects, facilities and their replans from bulk_create. Nothing
is indexed here; `seed()` runs update_index after, and on PostgreSQL ANALYZE, so that the planner
sees the seeded row counts as a database in service would (autovacuum is too slow to be relied on
within a benchmark run).
"""

import datetime

from django.db import transaction
from django.utils import timezone

# The seeded facilities: one a day from this date, so 4,000 of them span 2021–2031 and every
# month (2026-11 of the grid included) has about 30.
FIRST_FACILITY_DAY = datetime.date(2021, 1, 1)
REPLAN_EVERY = 10  # every tenth seeded facility was moved once, 60 days later
# Comments added at every size under one demo news item (commented_item): half of them replies.
COMMENTS = 1000


@transaction.atomic
def add_facilities(count):
    """`count` facilities: those before today commissioned on their date, the rest under
    construction; every tenth with one replan. Returns the number created."""
    from calendar_pages.models import (
        District,
        Facility,
        FacilityReplan,
        FacilityStatus,
        FacilityType,
    )

    today = timezone.localdate()
    districts, types = list(District), list(FacilityType)
    facilities = []
    for number in range(count):
        day = FIRST_FACILITY_DAY + datetime.timedelta(days=number)
        replanned = number % REPLAN_EVERY == 0
        done = day < today
        facilities.append(
            Facility(
                name=f"Объект нагрузки № {number}",
                slug=f"bench-facility-{number}",
                facility_type=types[number % len(types)],
                district=districts[number % len(districts)],
                address=f"ул. Виноградная, {number}",  # no «Сочи»: keeps that search narrow
                planned_on_original=day - datetime.timedelta(days=60) if replanned else day,
                planned_on=day,
                commissioned_on=day if done else None,
                status=FacilityStatus.COMMISSIONED if done else FacilityStatus.UNDER_CONSTRUCTION,
                progress=100 if done else number % 100,
                department="Департамент строительства",
                contractor="ООО «Сочистрой»",
            )
        )
    created = Facility.objects.bulk_create(facilities, batch_size=1000)
    FacilityReplan.objects.bulk_create(
        [
            FacilityReplan(
                facility_id=facility.pk,
                previous_planned_on=facility.planned_on_original,
                new_planned_on=facility.planned_on,
                reason="Перенос срока поставки оборудования",
                document_reference="протокол № 1",
            )
            for facility in created
            if facility.planned_on != facility.planned_on_original
        ],
        batch_size=1000,
    )
    return len(created)


def add_projects(count, points_each=3):
    """`count` live projects with control points under the project index, curators taken in turn
    from the demo people. Returns the number created."""
    from projects.demo.seeding import bulk_create_projects
    from projects.models import Person, ProjectIndexPage

    people = list(Person.objects.order_by("pk").values_list("pk", flat=True)) or [None]
    bulk_create_projects(ProjectIndexPage.objects.get(), count, points_each, curator_ids=people)
    return count


def add_pets(total):
    """Fill the shelter up to `total` catalog pets (demo pets included)."""
    from shelter.demo.seeding import bulk_create_pets
    from shelter.models import Pet

    count = max(total - Pet.objects.count(), 0)
    bulk_create_pets(count, prefix="нагрузка")
    return count


def add_producers(producers, products):
    """Fill the directory up to `producers` producers and about `products` products in total, the
    new producers with an equal share of the missing products each."""
    from producers.demo.seeding import bulk_create_directory
    from producers.models import Producer, Product

    count = max(producers - Producer.objects.count(), 0)
    if count:
        each = max(products - Product.objects.count(), 0) // count
        bulk_create_directory(count, each, prefix="bench")
    return count


def seed(news, facilities, projects, pets, producers, products):
    """Add `news` news items and fill the other catalogs up to the given totals; rebuild the
    search index. Returns the timings and the resulting counts."""
    import io
    import time

    from django.core.management import call_command
    from django.db import connection

    from calendar_pages.models import Facility
    from discussion.models import Comment
    from news.demo.seeding import bulk_create_news
    from news.models import NewsIndexPage, NewsPage
    from producers.models import Producer, Product
    from projects.models import ProjectPage
    from shelter.models import Pet

    started = time.perf_counter()
    bulk_create_news(NewsIndexPage.objects.get(), news)
    add_facilities(max(facilities - Facility.objects.count(), 0))
    add_projects(max(projects - ProjectPage.objects.count(), 0))
    add_pets(pets)
    add_producers(producers, products)
    add_comments(COMMENTS)
    seeded = time.perf_counter()
    call_command("update_index", stdout=io.StringIO())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    indexed = time.perf_counter()
    return {
        "seed_s": seeded - started,
        "index_s": indexed - seeded,
        "live_news": NewsPage.objects.live().count(),
        "facilities": Facility.objects.count(),
        "projects": ProjectPage.objects.live().count(),
        "pets": Pet.objects.count(),
        "producers": Producer.objects.count(),
        "products": Product.objects.count(),
        "comments": Comment.objects.count(),
    }


@transaction.atomic
def add_comments(count):
    """`count` approved comments under `commented_item()`, half of them replies to the other half
    (the thread's worst case: every top comment has an answer)."""
    from discussion.models import Comment, CommentState

    page = commented_item()
    now = timezone.now()

    def comment(number, parent=None):
        return Comment(
            page=page,
            parent=parent,
            display_name=f"Житель {number}",
            text=f"Комментарий нагрузки № {number}",
            state=CommentState.APPROVED,
            published_at=now,
        )

    top = Comment.objects.bulk_create(comment(n) for n in range(count // 2))
    Comment.objects.bulk_create(comment(n, parent) for n, parent in enumerate(top))


def commented_item():
    """The second newest demo news item: not the one "news item (demo)" measures, so that row
    stays comparable with earlier runs."""
    from news.models import NewsPage

    return NewsPage.objects.live().exclude(slug__startswith="news-load-").order_by("-date")[1]
