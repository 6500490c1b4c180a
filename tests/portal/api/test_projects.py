"""/api/v1/projects/: the project list's passports, filters and counts, each passport as its page
shows it, and nothing that is not published."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from wagtail.models import PageViewRestriction

from projects.models import ProjectStatus, SectionLink, Sector
from tests.factories import ImageFactory, NewsPageFactory
from tests.projects.factories import (
    BudgetLineFactory,
    ControlPointFactory,
    IndicatorFactory,
    PersonFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
)

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "?sector=education",
    "?status=in-progress",
    "?year=2025",
    "?sector=culture&year=2027",
    "?page=2",
]
LIST_KEYS = {
    "id",
    "url",
    "title",
    "short_name",
    "sector",
    "status",
    "decision_on",
    "protocol_number",
    "start_on",
    "end_on",
    "team",
    "control_points",
    "last_published_at",
}
DETAIL_KEYS = LIST_KEYS | {
    "goals",
    "results",
    "indicators",
    "budget",
    "passport_document",
    "sections",
}


@pytest.fixture
def project_index(home):
    return ProjectIndexPageFactory(parent=home)


@pytest.fixture
def projects(project_index, settings):
    settings.PORTAL_PAGE_SIZE = 3
    sectors, statuses = [Sector.EDUCATION, Sector.CULTURE], list(ProjectStatus)
    return [
        ProjectPageFactory(
            parent=project_index,
            sector=sectors[number % 2],
            status=statuses[number % len(statuses)],
            start_on=datetime.date(2024 + number % 3, 1, 1),
            end_on=datetime.date(2026 + number % 2, 12, 31),
        )
        for number in range(8)
    ]


@pytest.mark.parametrize("query", QUERIES)
def test_the_list_is_the_project_list(client, projects, query):
    page = client.get(f"/projects/{query}")
    api = client.get(f"/api/v1/projects/{query}")
    assert page.status_code == api.status_code == 200
    data = api.json()
    html = page.context["projects_page"]
    assert data["count"] == html.paginator.count
    assert [row["id"] for row in data["results"]] == [project.pk for project in html.object_list]
    assert {
        name: [(option["value"], option["count"]) for option in options]
        for name, options in data["facets"].items()
    } == {
        name: [(option.value, option.count) for option in options]
        for name, options in page.context["facets"].items()
    }


def test_drafts_private_and_unpublished_passports_are_neither_listed_nor_served(
    client, project_index
):
    shown = ProjectPageFactory(parent=project_index)
    draft = ProjectPageFactory(parent=project_index, live=False)
    unpublished = ProjectPageFactory(parent=project_index)
    unpublished.unpublish()
    private = ProjectPageFactory(parent=project_index)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    listed = [row["id"] for row in client.get("/api/v1/projects/").json()["results"]]
    assert listed == [shown.pk]
    for project in (draft, unpublished, private):
        assert client.get(f"/api/v1/projects/{project.pk}/").status_code == 404


@time_machine.travel(datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC), tick=False)
def test_a_passport_has_its_tables_and_the_team_as_the_page_shows_it(client, project_index):
    curator = PersonFactory(name="Анна Кураторова", position="Заместитель главы", photo=None)
    head = PersonFactory(name="Пётр Руководов", photo=ImageFactory())
    linked = NewsPageFactory(parent=project_index.get_parent().get_children().first())
    project = ProjectPageFactory(parent=project_index, curator=curator, head=head)
    SectionLink.objects.create(page=project, linked_page=linked, label="Новости проекта")
    IndicatorFactory(page=project, name="Охват", targets="2026: 20; 2027: 30,5")
    ControlPointFactory(page=project, title="Сдан", planned_on=datetime.date(2026, 3, 1))
    ControlPointFactory(
        page=project,
        title="Договор",
        planned_on=datetime.date(2026, 10, 1),
        actual_on=datetime.date(2026, 9, 30),
    )
    BudgetLineFactory(page=project, source="city", year=2026, amount=Decimal("100.0"))
    BudgetLineFactory(page=project, source="regional", year=2027, amount=Decimal("50.5"))
    (row,) = client.get("/api/v1/projects/").json()["results"]
    assert set(row) == LIST_KEYS
    data = client.get(f"/api/v1/projects/{project.pk}/").json()
    assert set(data) == DETAIL_KEYS
    assert [set(person) for person in data["team"]] == [{"role", "name", "position", "photo"}] * 2
    assert [(person["role"], person["name"]) for person in data["team"]] == [
        ("Куратор", "Анна Кураторова"),
        ("Руководитель проекта", "Пётр Руководов"),
    ]
    assert data["team"][1]["photo"]["width"] == 96
    (indicator,) = data["indicators"]
    assert indicator["targets"] == [
        {"year": 2026, "value": "20.00"},
        {"year": 2027, "value": "30.50"},
    ]
    assert [(point["title"], point["status"]["value"]) for point in data["control_points"]] == [
        ("Сдан", "overdue"),
        ("Договор", "done"),
    ]
    assert data["budget"] == {
        "years": [2026, 2027],
        "sources": [
            {
                "source": {"value": "regional", "label": "Краевой бюджет"},
                "amounts": [None, "50.5"],
                "total": "50.5",
            },
            {
                "source": {"value": "city", "label": "Бюджет города"},
                "amounts": ["100.0", None],
                "total": "100.0",
            },
        ],
        "year_totals": ["100.0", "50.5"],
        "total": "150.5",
    }
    assert data["sections"] == [
        {"title": "Новости проекта", "url": f"http://testserver{linked.url}"}
    ]
    assert "<p>Цели проекта.</p>" in data["goals"]


def test_refused_filters_answer_400_in_russian(client, projects):
    response = client.get("/api/v1/projects/?sector=space")
    assert response.status_code == 400
    assert response.json() == {"errors": ["Такой отрасли нет: выберите отрасль из списка."]}
