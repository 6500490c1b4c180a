"""The project committee: its decisions are the only way an approved passport's plan changes."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import rich_text

from portal import roles
from projects.committee import LOG_ACTION, CommitteeError, decide
from projects.forms import PLAN_CHANGE_NEEDS_DECISION
from projects.models import (
    CommitteeDecision,
    CommitteeMeeting,
    DecisionKind,
    PassportVersion,
    ProjectPage,
    ProjectStatus,
    ReportState,
)
from tests.projects.factories import (
    BudgetLineFactory,
    CommitteeMeetingFactory,
    ControlPointFactory,
    ControlPointReportFactory,
    IndicatorFactory,
    ProjectPageFactory,
)

pytestmark = pytest.mark.django_db

REFUSED_PUBLICATION = str(PLAN_CHANGE_NEEDS_DECISION)


@pytest.fixture
def office_user(django_user_model, project_index):
    user = django_user_model.objects.create_user(
        username="office", email="office@sochi.test", is_staff=True
    )
    user.groups.add(Group.objects.get(name=roles.PROJECT_OFFICE))
    return user


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@sochi.test", "pw")


def passport(project_index, **fields):
    fields = {
        "title": "Школа на Бытхе",
        "status": ProjectStatus.PROPOSAL,
        "end_on": datetime.date(2026, 12, 31),
        **fields,
    }
    project = ProjectPageFactory(parent=project_index, **fields)
    ControlPointFactory(page=project, title="Проект школы", planned_on=datetime.date(2026, 6, 1))
    IndicatorFactory(page=project, name="Ученических мест", targets="2026: 10")
    BudgetLineFactory(page=project, source="city", year=2026)
    project.save_revision().publish()
    return ProjectPage.objects.get(pk=project.pk)


def meeting_with(*projects, **fields):
    meeting = CommitteeMeetingFactory(**fields)
    meeting.agenda.add(*projects)
    return meeting


def save_draft(project, **changes):
    draft = project.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save_revision()


@pytest.fixture
def approved(project_index, office_user):
    """A passport the committee approved on 15 October 2026 (version 1)."""
    project = passport(project_index)
    decide(
        meeting_with(project, number="ПК-101"), project, DecisionKind.APPROVE, "", by=office_user
    )
    return ProjectPage.objects.get(pk=project.pk)


def test_approving_a_proposal_publishes_it_and_makes_version_1(project_index, office_user):
    project = passport(project_index)
    save_draft(project, title="Школа на Бытхе, 1100 мест")
    meeting = meeting_with(project, held_on=datetime.date(2026, 10, 15), number="ПК-107")
    version = decide(meeting, project, DecisionKind.APPROVE, "", by=office_user)
    live = ProjectPage.objects.get(pk=project.pk)
    assert live.status == ProjectStatus.APPROVED
    assert live.title == "Школа на Бытхе, 1100 мест"  # the draft is what is approved
    assert (live.decision_on, live.protocol_number) == (datetime.date(2026, 10, 15), "ПК-107")
    assert not live.has_unpublished_changes
    assert (version.number, version.approved_on) == (1, datetime.date(2026, 10, 15))
    assert version.plan["status"] == "approved"
    assert version.plan["title"] == "Школа на Бытхе, 1100 мест"
    decision = version.decision
    assert (decision.kind, decision.meeting, decision.recorded_by) == (
        DecisionKind.APPROVE,
        meeting,
        office_user,
    )
    assert decision.revision == live.live_revision
    entry = PageLogEntry.objects.get(page=live, action=LOG_ACTION)
    assert entry.user == office_user
    assert entry.data["version"] == 1


def test_a_change_publishes_the_draft_as_the_next_version(approved, office_user):
    save_draft(approved, end_on=datetime.date(2027, 6, 30))
    assert ProjectPage.objects.get(pk=approved.pk).end_on == datetime.date(2026, 12, 31)
    meeting = meeting_with(approved, held_on=datetime.date(2026, 11, 20), number="ПК-109")
    version = decide(meeting, approved, DecisionKind.CHANGE, "Перенос сроков стройки", by=None)
    live = ProjectPage.objects.get(pk=approved.pk)
    assert live.end_on == datetime.date(2027, 6, 30)
    assert live.status == ProjectStatus.APPROVED
    assert live.protocol_number == "ПК-109"
    assert version.number == 2
    assert version.plan["end_on"] == "2027-06-30"
    assert version.decision.reason == "Перенос сроков стройки"


def test_first_decision_on_a_passport_approved_before_the_desk_makes_version_1(
    project_index, office_user
):
    project = passport(project_index, status=ProjectStatus.IN_PROGRESS)
    save_draft(project, end_on=datetime.date(2027, 3, 31))
    version = decide(
        meeting_with(project), project, DecisionKind.CHANGE, "Новые сроки", by=office_user
    )
    assert version.number == 1
    assert version.plan["end_on"] == "2027-03-31"
    assert ProjectPage.objects.get(pk=project.pk).status == ProjectStatus.IN_PROGRESS


def test_first_decision_records_the_approval_the_passport_names_as_version_1(
    client, project_index, office_user
):
    project = passport(
        project_index,
        status=ProjectStatus.IN_PROGRESS,
        decision_on=datetime.date(2026, 2, 18),
        protocol_number="1-ПК",
    )
    save_draft(project, end_on=datetime.date(2027, 3, 31))
    meeting = meeting_with(project, held_on=datetime.date(2026, 10, 29), number="3-ПК")
    version = decide(meeting, project, DecisionKind.CHANGE, "Новые сроки", by=office_user)

    first = project.passport_versions.get(number=1)
    assert (first.approved_on, first.plan["end_on"]) == (datetime.date(2026, 2, 18), "2026-12-31")
    assert (first.decision.kind, first.decision.meeting.number) == (DecisionKind.APPROVE, "1-ПК")
    assert (version.number, version.plan["end_on"]) == (2, "2027-03-31")
    history = client.get(ProjectPage.objects.get(pk=project.pk).url).content.decode()
    assert "Дата окончания: 31 декабря 2026 → 31 марта 2027" in history
    assert "1-ПК: утвердить паспорт" in history


def test_a_refused_first_decision_records_no_version(project_index, office_user):
    project = passport(
        project_index,
        status=ProjectStatus.IN_PROGRESS,
        decision_on=datetime.date(2026, 2, 18),
        protocol_number="1-ПК",
    )
    with pytest.raises(CommitteeError):  # the draft changes nothing
        decide(meeting_with(project), project, DecisionKind.CHANGE, "Без изменений", by=None)
    assert not project.passport_versions.exists()
    assert not CommitteeMeeting.objects.filter(number="1-ПК").exists()


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        (DecisionKind.SUSPEND, ProjectStatus.SUSPENDED),
        (DecisionKind.CLOSE, ProjectStatus.COMPLETED),
    ],
)
def test_suspending_and_closing_set_the_status(approved, office_user, kind, status):
    version = decide(meeting_with(approved), approved, kind, "Нет финансирования", by=office_user)
    assert ProjectPage.objects.get(pk=approved.pk).status == status
    assert (version.number, version.plan["status"]) == (2, status.value)


def test_a_suspended_project_resumes_by_approval(approved, office_user):
    decide(meeting_with(approved), approved, DecisionKind.SUSPEND, "Пауза", by=office_user)
    version = decide(meeting_with(approved), approved, DecisionKind.APPROVE, "", by=office_user)
    assert ProjectPage.objects.get(pk=approved.pk).status == ProjectStatus.APPROVED
    assert version.number == 3


def refused(meeting, project, kind, reason, by):
    counts = (CommitteeDecision.objects.count(), PassportVersion.objects.count())
    with pytest.raises(CommitteeError) as error:
        decide(meeting, project, kind, reason, by=by)
    assert (CommitteeDecision.objects.count(), PassportVersion.objects.count()) == counts
    return error.value.message


def test_a_project_not_on_the_agenda_is_refused(approved, office_user):
    save_draft(approved, end_on=datetime.date(2027, 6, 30))
    message = refused(meeting_with(), approved, DecisionKind.CHANGE, "Сроки", office_user)
    assert message == "Проекта «Школа на Бытхе» нет в повестке этого заседания."
    assert ProjectPage.objects.get(pk=approved.pk).end_on == datetime.date(2026, 12, 31)


def test_a_change_that_changes_no_plan_is_refused(approved, office_user):
    save_draft(approved, goals="<p>Новые цели.</p>")
    message = refused(meeting_with(approved), approved, DecisionKind.CHANGE, "Цели", office_user)
    assert message.startswith("Черновик паспорта проекта «Школа на Бытхе» не меняет план")


@pytest.mark.parametrize("kind", [DecisionKind.CHANGE, DecisionKind.SUSPEND, DecisionKind.CLOSE])
def test_a_decision_without_reason_is_refused(approved, office_user, kind):
    save_draft(approved, end_on=datetime.date(2027, 6, 30))
    message = refused(meeting_with(approved), approved, kind, "  ", office_user)
    assert message == "Укажите основание решения: его прочитают жители."


def test_approving_an_approved_passport_is_refused(approved, office_user):
    message = refused(meeting_with(approved), approved, DecisionKind.APPROVE, "", office_user)
    assert message == (
        "Паспорт проекта «Школа на Бытхе» уже утверждён: примите решение об изменении паспорта."
    )


def test_suspending_does_not_slip_in_an_undecided_plan_change(approved, office_user):
    save_draft(approved, end_on=datetime.date(2027, 6, 30))
    message = refused(meeting_with(approved), approved, DecisionKind.SUSPEND, "Пауза", office_user)
    assert message.startswith("Черновик паспорта проекта «Школа на Бытхе» меняет план")


# The guard in the admin's edit view.


def edit_form_data(client, page):
    """The edit form's fields as the browser would send them unchanged."""
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content
    form = BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.name == "input" and field.get("type") in ("submit", "file"):
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


def post_edit(client, page, data, action):
    data = dict(data)
    if action:
        data[action] = "1"
    return client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)


@pytest.mark.parametrize("action", ["action-publish", "action-submit"])
def test_publishing_a_plan_change_without_a_decision_is_refused(
    client, approved, superuser, action
):
    client.force_login(superuser)
    data = edit_form_data(client, approved)
    data["end_on"] = "2027-06-30"
    revisions = approved.revisions.count()
    response = post_edit(client, approved, data, action)
    assert response.status_code == 200
    assert REFUSED_PUBLICATION in response.content.decode()
    # The editor's input is kept on the page, and nothing is saved or published.
    assert re.search(
        r'name="end_on"[^>]*value="(2027-06-30|30\.06\.2027)"', response.content.decode()
    )
    live = ProjectPage.objects.get(pk=approved.pk)
    assert live.end_on == datetime.date(2026, 12, 31)
    assert approved.revisions.count() == revisions


def test_a_new_control_point_is_a_plan_change_too(client, approved, superuser):
    client.force_login(superuser)
    data = edit_form_data(client, approved)
    total = int(data["control_points-TOTAL_FORMS"])
    data.update(
        {
            "control_points-TOTAL_FORMS": str(total + 1),
            f"control_points-{total}-title": "Ввод в эксплуатацию",
            f"control_points-{total}-planned_on": "2027-09-01",
            f"control_points-{total}-ORDER": str(total + 1),
            f"control_points-{total}-DELETE": "",
            f"control_points-{total}-id": "",
        }
    )
    response = post_edit(client, approved, data, "action-publish")
    assert REFUSED_PUBLICATION in response.content.decode()
    assert ProjectPage.objects.get(pk=approved.pk).control_points.count() == 1


def test_a_plan_change_saves_as_a_draft(client, approved, superuser):
    client.force_login(superuser)
    data = edit_form_data(client, approved)
    data["end_on"] = "2027-06-30"
    response = post_edit(client, approved, data, None)
    assert response.status_code == 302
    live = ProjectPage.objects.get(pk=approved.pk)
    assert live.end_on == datetime.date(2026, 12, 31)
    assert live.has_unpublished_changes
    assert live.get_latest_revision_as_object().end_on == datetime.date(2027, 6, 30)


def test_a_goals_only_change_publishes(client, approved, superuser):
    client.force_login(superuser)
    data = edit_form_data(client, approved)
    data["goals"] = rich_text("<p>Новые цели проекта.</p>")
    response = post_edit(client, approved, data, "action-publish")
    assert response.status_code == 302
    live = ProjectPage.objects.get(pk=approved.pk)
    assert "Новые цели проекта." in live.goals
    assert not live.has_unpublished_changes


def test_a_passport_without_a_version_publishes_freely(client, project_index, superuser):
    project = passport(project_index, status=ProjectStatus.APPROVED)
    client.force_login(superuser)
    data = edit_form_data(client, project)
    data["end_on"] = "2027-06-30"
    assert post_edit(client, project, data, "action-publish").status_code == 302
    assert ProjectPage.objects.get(pk=project.pk).end_on == datetime.date(2027, 6, 30)


# The decision desk and the public history.


def test_the_desk_previews_the_pending_change_and_its_decision_publishes_it(
    client, approved, office_user
):
    client.force_login(office_user)
    data = edit_form_data(client, approved)
    data["end_on"] = "2027-06-30"
    post_edit(client, approved, data, None)  # the project office saves the change as a draft
    meeting = meeting_with(approved, held_on=datetime.date(2026, 11, 20), number="ПК-109")
    url = reverse("projects_committee:meeting", args=(meeting.pk,))
    html = client.get(url).content.decode()
    assert "Дата окончания: 31 декабря 2026 → 30 июня 2027" in html
    response = client.post(
        reverse("projects_committee:decide", args=(meeting.pk,)),
        {"project": approved.pk, "kind": "change", "reason": "Перенос сроков стройки"},
    )
    assert response.status_code == 302
    assert response["Location"] == url
    assert ProjectPage.objects.get(pk=approved.pk).end_on == datetime.date(2027, 6, 30)
    assert approved.passport_versions.count() == 2
    html = client.get(url).content.decode()
    assert "Изменить паспорт" in html and "Перенос сроков стройки" in html


def test_the_desk_shows_a_refusal_and_keeps_the_form(client, approved, office_user):
    client.force_login(office_user)
    meeting = meeting_with(approved)
    response = client.post(
        reverse("projects_committee:decide", args=(meeting.pk,)),
        {"project": approved.pk, "kind": "close", "reason": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Укажите основание решения: его прочитают жители." in html
    assert re.search(r'value="close"[^>]*checked', html)
    assert ProjectPage.objects.get(pk=approved.pk).status == ProjectStatus.APPROVED


def test_the_desk_refuses_a_project_off_the_agenda(client, approved, office_user, project_index):
    other = passport(project_index, title="Другой проект")
    client.force_login(office_user)
    meeting = meeting_with(approved)
    response = client.post(
        reverse("projects_committee:decide", args=(meeting.pk,)),
        {"project": other.pk, "kind": "approve", "reason": ""},
    )
    assert response.status_code == 400
    assert "Выберите проект из повестки заседания." in response.content.decode()
    assert not other.committee_decisions.exists()


def test_the_desk_is_closed_to_project_teams(client, approved, django_user_model):
    from tests.projects.factories import team_member

    user = team_member(django_user_model, "team")
    user.is_staff = True
    user.save()
    client.force_login(user)
    meeting = meeting_with(approved)
    response = client.post(
        reverse("projects_committee:decide", args=(meeting.pk,)),
        {"project": approved.pk, "kind": "suspend", "reason": "Пауза"},
    )
    assert response.status_code in (302, 403)
    assert ProjectPage.objects.get(pk=approved.pk).status == ProjectStatus.APPROVED


def test_the_meeting_listing_links_to_the_desk(client, approved, office_user):
    client.force_login(office_user)
    meeting = meeting_with(approved)
    html = client.get(reverse("wagtailsnippets_projects_committeemeeting:list")).content.decode()
    assert reverse("projects_committee:meeting", args=(meeting.pk,)) in html


def test_public_passport_shows_its_history(client, approved, office_user):
    save_draft(approved, end_on=datetime.date(2027, 6, 30))
    decide(
        meeting_with(approved, held_on=datetime.date(2026, 11, 20), number="ПК-109"),
        approved,
        DecisionKind.CHANGE,
        "Перенос сроков стройки",
        by=office_user,
    )
    point = approved.control_points.get()
    # Accepting the report (projects.progress) records the date on the control point.
    point.actual_on = datetime.date(2026, 11, 5)
    point.save()
    ControlPointReportFactory(
        control_point=point, state=ReportState.ACCEPTED, completed_on=datetime.date(2026, 11, 5)
    )
    ControlPointReportFactory(
        control_point=ControlPointFactory(page=approved, title="Не принятая точка"),
        state=ReportState.PENDING,
    )
    html = client.get(ProjectPage.objects.get(pk=approved.pk).url).content.decode()
    history = html[html.index("История паспорта") :]
    assert history.index("Версия 2") < history.index("Версия 1")
    assert (
        "Решение проектного комитета от 20 ноября 2026, протокол №&nbsp;ПК-109: изменить паспорт."
        in history
    )
    assert "протокол №&nbsp;ПК-101: утвердить паспорт." in history
    assert "Основание: Перенос сроков стройки" in history
    assert "Дата окончания: 31 декабря 2026 → 30 июня 2027" in history
    assert "Контрольная точка «Проект школы» выполнена 5 ноября 2026" in history
    assert "Не принятая точка» выполнена" not in history
