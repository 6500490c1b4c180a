"""Permission matrix: each staff group against each action, including those it must not do."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import StandardPage
from news.models import NewsPage
from portal import roles
from portal.sections import SECTIONS
from tests.factories import StandardPageFactory, build_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections():
    home, news_index = build_site()
    pages = {"home": home, "news": news_index}
    for section in SECTIONS:
        if section.slug not in pages:
            pages[section.slug] = StandardPageFactory(
                parent=home, title=section.title, slug=section.slug
            )
    roles.ensure_roles()
    return pages


@pytest.fixture
def user_in(django_user_model):
    def make(group_name):
        user = django_user_model.objects.create_user(
            username=f"user-{abs(hash(group_name))}", password="password", is_staff=True
        )
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


# (group, section slug) -> may edit pages there
EDIT_MATRIX = {
    roles.EDITORS: {"news", "about"},
    roles.MODERATORS: {
        "home",
        "news",
        "projects",
        "calendar",
        "shelter",
        "producers",
        "tos-contest",
        "about",
    },
    roles.PROJECT_OFFICE: {"projects", "calendar"},
    roles.SHELTER: {"shelter"},
    roles.CONSUMER_MARKET: {"producers"},
    roles.CONTEST: {"tos-contest"},
    roles.JURY: set(),  # the jury desk only (tests/contest/test_jury.py)
    roles.PROJECT_TEAM: set(),  # reports on its own projects only (tests/projects)
}
AREAS = ["home", "news", "projects", "calendar", "shelter", "producers", "tos-contest", "about"]


@pytest.mark.parametrize("group_name", roles.STAFF_GROUPS)
@pytest.mark.parametrize("area", AREAS)
def test_each_group_edits_only_its_own_area(sections, user_in, group_name, area):
    user = user_in(group_name)
    tester = sections[area].permissions_for_user(user)
    allowed = area in EDIT_MATRIX[group_name]
    assert tester.can_edit() is allowed
    assert tester.can_add_subpage() is allowed


@pytest.mark.parametrize("group_name", roles.STAFF_GROUPS)
def test_only_moderators_publish(sections, user_in, group_name):
    user = user_in(group_name)
    for area in AREAS:
        can_publish = sections[area].permissions_for_user(user).can_publish()
        assert can_publish is (group_name == roles.MODERATORS), area


@pytest.mark.parametrize("group_name", roles.STAFF_GROUPS)
def test_every_staff_group_reaches_the_admin_but_not_site_settings(sections, user_in, group_name):
    # Which admin URLs each group may open: tests/portal/test_permission_matrix.py.
    user = user_in(group_name)
    assert user.has_perm("wagtailadmin.access_admin")
    assert not user.has_perm("portal.change_sitesettings")
    assert not user.has_perm("auth.change_user")


def test_only_the_jury_scores_and_the_jury_has_no_contest_area(sections, user_in):
    juror = user_in(roles.JURY)
    assert juror.has_perm("contest.score_entries")
    assert not juror.has_perm("contest.view_vote")
    assert not juror.has_perm("contest.add_contestresults")
    for group_name in set(roles.STAFF_GROUPS) - {roles.JURY}:
        assert not user_in(group_name).has_perm("contest.score_entries"), group_name


def test_roles_are_idempotent(sections):
    before = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    roles.ensure_roles()
    after = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    assert before == after
    assert set(roles.STAFF_GROUPS) <= set(after)
    assert "Editors" not in after and "Moderators" not in after


def news_form(title, slug, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2026-11-20",
            "lead": "Анонс новости.",
            "tags": "Экология",
            "body": streamfield([]),
            "related_pages": {
                "TOTAL_FORMS": 0,
                "INITIAL_FORMS": 0,
                "MIN_NUM_FORMS": 0,
                "MAX_NUM_FORMS": 1000,
            },
            **extra,
        }
    )


class TestModerationWorkflow:
    def add_news(self, client, news_index, action, **extra):
        url = reverse("wagtailadmin_pages:add", args=("news", "newspage", news_index.pk))
        return client.post(url, {**news_form("Новость редактора", "novost", **extra), action: "1"})

    def test_editor_cannot_publish_directly(self, sections, user_in, client):
        client.force_login(user_in(roles.EDITORS))
        self.add_news(client, sections["news"], "action-publish")
        page = NewsPage.objects.get(slug="novost")
        assert not page.live

    def test_editor_submits_and_moderator_approves(self, sections, user_in, client):
        client.force_login(user_in(roles.EDITORS))
        self.add_news(client, sections["news"], "action-submit")
        page = NewsPage.objects.get(slug="novost")
        state = page.current_workflow_state
        assert state.status == WorkflowState.STATUS_IN_PROGRESS and not page.live
        assert state.workflow.name == roles.WORKFLOW_NAME

        client.force_login(user_in(roles.MODERATORS))
        task_state = state.current_task_state
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)
        )
        client.post(url, {"comment": "Согласовано"})
        page.refresh_from_db()
        assert page.live
        assert client.get(page.url).status_code == 200

    def test_editor_cannot_approve_own_submission(self, sections, user_in, client):
        editor = user_in(roles.EDITORS)
        client.force_login(editor)
        self.add_news(client, sections["news"], "action-submit")
        page = NewsPage.objects.get(slug="novost")
        task_state = page.current_workflow_task_state
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)
        )
        response = client.post(url, {"comment": ""})
        page.refresh_from_db()
        assert response.status_code == 302 and not page.live
        assert response["Location"] == reverse("wagtailadmin_home")

    def test_scheduled_news_goes_live_at_its_time(self, sections, user_in, client):
        go_live = timezone.now() + datetime.timedelta(days=2)
        client.force_login(user_in(roles.MODERATORS))
        self.add_news(
            client,
            sections["news"],
            "action-publish",
            go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M"),
        )
        page = NewsPage.objects.get(slug="novost")
        assert not page.live
        assert client.get("/news/novost/").status_code == 404
        with time_machine.travel(go_live + datetime.timedelta(minutes=5)):
            call_command("publish_scheduled")
        page.refresh_from_db()
        assert page.live


def test_unpublished_page_is_not_served(sections, client):
    page = StandardPage.objects.get(slug="about")
    page.unpublish()
    assert client.get("/about/").status_code == 404
    assert Page.objects.live().filter(pk=page.pk).count() == 0


def test_only_project_teams_report_progress(sections, user_in):
    member = user_in(roles.PROJECT_TEAM)
    assert member.has_perm("projects.report_progress")
    assert not member.has_perm("projects.change_projectpage")
    assert not member.has_perm("projects.review_reports")
    for group_name in set(roles.STAFF_GROUPS) - {roles.PROJECT_TEAM}:
        user = user_in(group_name)
        assert not user.has_perm("projects.report_progress"), group_name
        assert user.has_perm("projects.review_reports") == (group_name == roles.PROJECT_OFFICE)
