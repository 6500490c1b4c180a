"""Cheap seeding for the benchmark: news, calendar facilities and project passports in bulk.

Runs in the --seed subprocess of run.py, on a copy of the database load_demo filled (24 news,
40 facilities, 33 projects). News come from news.seeding.bulk_create_news, projects through
portal.seeding.bulk_add_pages, facilities and their replans by bulk_create. Nothing is indexed
here; run.py's seed step runs update_index after.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from portal.seeding import bulk_add_pages

# The seeded facilities: one a day from this date, so 4,000 of them span 2021–2031 and every
# month (2026-11 of the grid included) has about 30.
FIRST_FACILITY_DAY = datetime.date(2021, 1, 1)
REPLAN_EVERY = 10  # every tenth seeded facility was moved once, 60 days later


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


@transaction.atomic
def add_projects(count, points_each=3):
    """`count` live projects with control points under the project index, curators taken in turn
    from the demo people. Returns the number created."""
    from projects.models import (
        ControlPoint,
        Person,
        ProjectIndexPage,
        ProjectPage,
        ProjectStatus,
        Sector,
    )

    index_page = ProjectIndexPage.objects.get()
    people = list(Person.objects.order_by("pk").values_list("pk", flat=True)) or [None]
    first = index_page.get_children().count() + 1
    rows = [
        {
            "title": f"Нагрузочный проект {number}",
            "slug": f"project-load-{number}",
            "short_name": f"Нагрузочный проект {number}",
            "sector": list(Sector)[offset % len(Sector)],
            "status": list(ProjectStatus)[offset % len(ProjectStatus)],
            "curator_id": people[offset % len(people)],
            "start_on": datetime.date(2026, 1, 1),
            "end_on": datetime.date(2027, 12, 31),
        }
        for offset, number in enumerate(range(first, first + count))
    ]
    projects = bulk_add_pages(index_page, ProjectPage, rows)
    ControlPoint.objects.bulk_create(
        ControlPoint(
            page_id=project.page_ptr_id,
            title=f"Точка {number}",
            planned_on=datetime.date(2026, 6, 1) + datetime.timedelta(days=90 * number),
            actual_on=datetime.date(2026, 6, 1) if number == 0 else None,
            sort_order=number,
        )
        for project in projects
        for number in range(points_each)
    )
    return count


def seed(news, facilities, projects):
    """Add `news` news items and fill facilities and projects up to the given totals; rebuild the
    search index. Returns the timings and the resulting counts."""
    import io
    import time

    from django.core.management import call_command

    from calendar_pages.models import Facility
    from news.models import NewsIndexPage, NewsPage
    from news.seeding import bulk_create_news
    from projects.models import ProjectPage

    started = time.perf_counter()
    bulk_create_news(NewsIndexPage.objects.get(), news)
    add_facilities(max(facilities - Facility.objects.count(), 0))
    add_projects(max(projects - ProjectPage.objects.count(), 0))
    seeded = time.perf_counter()
    call_command("update_index", stdout=io.StringIO())
    indexed = time.perf_counter()
    return {
        "seed_s": seeded - started,
        "index_s": indexed - seeded,
        "live_news": NewsPage.objects.live().count(),
        "facilities": Facility.objects.count(),
        "projects": ProjectPage.objects.live().count(),
    }
