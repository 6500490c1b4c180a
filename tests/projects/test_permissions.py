"""Who may edit projects and the people snippet: the project office, and nobody else on staff."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from portal import roles
from tests.projects.factories import PersonFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

EDITS_PROJECTS = {roles.PROJECT_OFFICE, roles.MODERATORS}
OWNS_PEOPLE = {roles.PROJECT_OFFICE}


@pytest.fixture
def user_in(django_user_model):
    def make(group_name):
        user = django_user_model.objects.create_user(
            username=f"user-{abs(hash(group_name))}", password="password", is_staff=True
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.mark.parametrize("group_name", roles.STAFF_GROUPS)
def test_only_the_project_office_and_moderators_edit_passports(project_index, user_in, group_name):
    project = ProjectPageFactory(parent=project_index)
    user = user_in(group_name)
    allowed = group_name in EDITS_PROJECTS
    assert project.permissions_for_user(user).can_edit() is allowed
    assert project_index.permissions_for_user(user).can_add_subpage() is allowed
    # Publishing goes through moderation.
    assert project.permissions_for_user(user).can_publish() is (group_name == roles.MODERATORS)


@pytest.mark.parametrize("group_name", roles.STAFF_GROUPS)
def test_only_the_project_office_keeps_the_people_snippet(project_index, user_in, group_name):
    user = user_in(group_name)
    allowed = group_name in OWNS_PEOPLE
    for action in ("add", "change", "delete"):
        assert user.has_perm(f"projects.{action}_person") is allowed


def test_project_office_edits_a_passport_in_the_admin(client, project_index, user_in):
    project = ProjectPageFactory(parent=project_index)
    client.force_login(user_in(roles.PROJECT_OFFICE))
    response = client.get(reverse("wagtailadmin_pages:edit", args=(project.pk,)))
    assert response.status_code == 200
    html = response.content.decode()
    for tab in ("indicators", "control_points", "budget_lines", "section_links"):
        assert f'id="id_{tab}-TOTAL_FORMS"' in html


def test_people_are_listed_and_searched_in_the_admin(client, project_index, user_in):
    PersonFactory(name="Ольга Белова", position="Директор департамента")
    PersonFactory(name="Сергей Жуков", position="Начальник управления")
    client.force_login(user_in(roles.PROJECT_OFFICE))
    url = reverse("wagtailsnippets_projects_person:list")
    html = client.get(url, {"q": "Белова"}).content.decode()
    assert "Ольга Белова" in html and "Сергей Жуков" not in html


def test_other_groups_cannot_open_the_people_snippet(client, project_index, user_in):
    client.force_login(user_in(roles.SHELTER))
    response = client.get(reverse("wagtailsnippets_projects_person:list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
