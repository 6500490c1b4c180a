"""The number of SQL queries for the project pages must not grow with the number of projects."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.demo.seeding import bulk_create_projects
from tests.factories import ImageFactory
from tests.projects.factories import (
    BudgetLineFactory,
    ControlPointFactory,
    IndicatorFactory,
    PersonFactory,
    ProjectPageFactory,
)

pytestmark = pytest.mark.django_db

SMALL, LARGE = 10, 300
PAGES = [
    "/projects/",
    "/projects/?sector=education",
    "/projects/?status=approved&year=2026",
    "/projects/?page=2",
]


def count_queries(client, url):
    client.get(url)  # warm caches shared by every request (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_project_list_uses_the_same_queries_at_10_and_300_projects(client, project_index):
    curator = PersonFactory()
    for number in range(2):
        project = ProjectPageFactory(
            parent=project_index, title=f"А-проект {number}", curator=curator
        )
        ControlPointFactory(page=project)
    bulk_create_projects(project_index, SMALL - 2)
    small = {url: count_queries(client, url) for url in PAGES}
    bulk_create_projects(project_index, LARGE - SMALL)
    large = {url: count_queries(client, url) for url in PAGES}
    assert small == large
    assert max(large.values()) <= 25, large


def test_passport_page_queries_are_bounded(client, django_assert_max_num_queries, project_index):
    person = PersonFactory(photo=ImageFactory())
    project = ProjectPageFactory(
        parent=project_index,
        curator=person,
        head=PersonFactory(photo=ImageFactory()),
        administrator=person,
    )
    for number in range(6):
        ControlPointFactory(page=project)
        IndicatorFactory(page=project)
        BudgetLineFactory(page=project, year=2026 + number % 3)
    client.get(project.url)
    with django_assert_max_num_queries(30):
        assert client.get(project.url).status_code == 200
