"""Object-level access to a team's desk: every `projects_team` URL, read from the resolver, is
refused with another project's records and answered with the team's own."""

import pytest

from projects.team import reportable_projects
from tests.portal import test_permission_matrix as matrix
from tests.projects.factories import (
    ControlPointReportFactory,
    IndicatorFactFactory,
    project_with_team,
    team_member,
)

pytestmark = pytest.mark.django_db


def team_urls():
    urls = [(key, route) for key, route in matrix.all_urls() if key.startswith("projects_team:")]
    assert len(urls) >= 6  # home, project, two report forms, two evidence downloads
    return urls


def records(project):
    report = ControlPointReportFactory(control_point=project.control_points.get())
    fact = IndicatorFactFactory(indicator=project.indicators.get())
    return {
        "project_id": project.pk,
        "point_id": report.control_point_id,
        "indicator_id": fact.indicator_id,
        "report_id": report.pk,
        "fact_id": fact.pk,
    }


@pytest.fixture
def projects(django_user_model, project_index):
    a_admin = team_member(django_user_model, "a-admin")
    a_head = team_member(django_user_model, "a-head")
    b_admin = team_member(django_user_model, "b-admin")
    a = project_with_team(project_index, administrator=a_admin, head=a_head)
    b = project_with_team(project_index, administrator=b_admin)
    return {
        "a": records(a),
        "b": records(b),
        "a_admin": a_admin,
        "a_head": a_head,
        "loner": team_member(django_user_model, "no-project"),
    }


def url(route, values):
    return matrix.url_for("projects_team:x", route, {"params": {"projects_*": values}})[0]


def has_parameters(route):
    return "(?P<" in route


def test_reportable_projects_are_those_the_person_administers_or_heads(projects):
    a_id = projects["a"]["project_id"]
    for user in (projects["a_admin"], projects["a_head"]):
        assert list(reportable_projects(user).values_list("pk", flat=True)) == [a_id]
    assert not reportable_projects(projects["loner"]).exists()


@pytest.mark.parametrize("member", ["a_admin", "a_head"])
def test_every_team_url_with_another_projects_records_is_refused(client, projects, member):
    client.force_login(projects[member])
    mixed = {**projects["a"], **{k: v for k, v in projects["b"].items() if k != "project_id"}}
    wrong = []
    for key, route in team_urls():
        if not has_parameters(route):
            continue
        # A's project with B's control point, indicator or report, where the route names one.
        only_the_project = route.count("_id>") == 1 and "<project_id>" in route
        tries = [projects["b"]] if only_the_project else [projects["b"], mixed]
        for values in tries:
            response = matrix.answer(client, url(route, values))
            if not matrix.refused(member, response):
                wrong.append(f"{key} {url(route, values)}: {response.status_code}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("member", ["a_admin", "a_head"])
def test_every_team_url_with_the_teams_own_records_answers(client, projects, member):
    client.force_login(projects[member])
    wrong = []
    for key, route in team_urls():
        response = matrix.answer(client, url(route, projects["a"]))
        if matrix.refused(member, response) or response.status_code >= 400:
            wrong.append(f"{key}: {response.status_code}")
    assert not wrong, "\n".join(wrong)


def test_a_team_member_on_no_project_is_refused_everywhere_but_the_list(client, projects):
    client.force_login(projects["loner"])
    wrong = []
    for key, route in team_urls():
        if not has_parameters(route):
            assert client.get(url(route, {})).status_code == 200  # an empty «Мои проекты»
            continue
        for values in (projects["a"], projects["b"]):
            response = matrix.answer(client, url(route, values))
            if not matrix.refused("member", response):
                wrong.append(f"{key}: {response.status_code}")
    assert not wrong, "\n".join(wrong)
