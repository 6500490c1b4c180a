"""Many projects at once, for query-count tests and benchmarks (see portal.demo.seeding)."""

import datetime

from django.db import transaction

from portal.demo.seeding import bulk_add_pages
from projects.models import ControlPoint, ProjectPage, ProjectStatus, Sector


@transaction.atomic
def bulk_create_projects(index_page, count, points_each=3, curator_ids=(None,)):
    """Add `count` live projects with control points under index_page; curators taken in turn."""
    first = index_page.get_children().count() + 1
    rows = [
        {
            "title": f"Нагрузочный проект {number}",
            "slug": f"project-load-{number}",
            "short_name": f"Нагрузочный проект {number}",
            "sector": list(Sector)[offset % len(Sector)],
            "status": list(ProjectStatus)[offset % len(ProjectStatus)],
            "curator_id": curator_ids[offset % len(curator_ids)],
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
    return projects
