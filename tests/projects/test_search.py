"""Site search finds projects by Russian word forms of their names, goals and sector."""

import pytest

from tests.projects.factories import ProjectPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(project_index):
    ProjectPageFactory(
        parent=project_index,
        title="Муниципальные инновационные площадки",
        short_name="Инновационные площадки",
        sector="education",
    )
    ProjectPageFactory(
        parent=project_index,
        title="Лучший орган ТОС",
        sector="civil-society",
        goals="<p>Конкурс стимулирует активность жителей кварталов.</p>",
    )


def found(client, query):
    html = client.get("/search/", {"q": query}).content.decode()
    return html.replace("<mark>", "").replace("</mark>", "")


@pytest.mark.parametrize("query", ["площадки", "площадка", "инновационной площадкой"])
def test_word_forms_find_a_project_by_its_name(client, projects, query):
    html = found(client, query)
    assert "Муниципальные инновационные площадки" in html
    assert "Лучший орган ТОС" not in html


def test_goals_are_searched(client, projects):
    assert "Лучший орган ТОС" in found(client, "жители")


def test_sector_is_searched_in_russian(client, projects):
    html = found(client, "образование")
    assert "Муниципальные инновационные площадки" in html
    assert "Лучший орган ТОС" not in html
