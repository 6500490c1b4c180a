"""Demo project teams: staff accounts of the administrator and heads of three approved projects
(projects.demo.content, TEAM_*), and their reports on control points and indicators in every
state, so the team's desk, the review desk and the passport's history have something to show.

Idempotent: accounts are matched by username, the administrator by name, reports by their point
(or indicator and year) and state; a second run creates nothing. The accounts are made without a
password: `manage.py ensure_demo_users` gives them their first one and prints it.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from portal import roles
from projects.demo.content import (
    EVIDENCE,
    INDICATOR_FACTS,
    PEOPLE,
    POINT_REPORTS,
    TEAM_ACCOUNTS,
    TEAM_ADMINISTRATOR,
    TEAM_PROJECTS,
)
from projects.models import ControlPointReport, IndicatorFact, Person, ProjectPage, ReportState

ADMINISTRATOR = "team-admin"


def ensure_teams(index, note):
    accounts = ensure_team_accounts(note)
    team_projects = ProjectPage.objects.child_of(index).filter(slug__in=TEAM_PROJECTS)
    projects = {page.slug: page for page in team_projects}
    link_people(accounts, projects.values(), note)
    ensure_point_reports(projects, accounts, note)
    ensure_indicator_facts(projects, accounts, note)


def ensure_team_accounts(note):
    roles.ensure_roles()
    group = Group.objects.get(name=roles.PROJECT_TEAM)
    accounts = {}
    for username in TEAM_ACCOUNTS:
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@sochi.example", "is_staff": True},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            user.groups.add(group)
            note(f"project team account {username}")
        accounts[username] = user
    return accounts


def link_people(accounts, projects, note):
    """The administrator of the team projects and their heads, linked to their accounts."""
    name, position = TEAM_ADMINISTRATOR
    administrator, created = Person.objects.get_or_create(
        name=name, defaults={"position": position, "user": accounts[ADMINISTRATOR]}
    )
    if created:
        note(f"person «{name}»")
    for username, key in TEAM_ACCOUNTS.items():
        if username == ADMINISTRATOR:
            continue
        person = Person.objects.filter(name=PEOPLE[key][0], user__isnull=True).first()
        if person is not None and not hasattr(accounts[username], "project_person"):
            person.user = accounts[username]
            person.save(update_fields=["user"])
            note(f"staff account of «{person.name}»")
    for project in projects:
        if project.administrator_id != administrator.pk:
            project.administrator = administrator
            project.save_revision().publish()
            note(f"administrator of project «{project.title}»")


def reported_at(day):
    """A working morning of `day`, local time."""
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=timezone.get_current_timezone())


def decision(state, reported_on):
    """The project office's decision two days after the report, unless it still waits."""
    if state == ReportState.PENDING:
        return {}
    return {"decided_at": reported_at(reported_on + datetime.timedelta(days=2))}


def ensure_point_reports(projects, accounts, note):
    for (
        slug,
        title,
        state,
        completed_on,
        reported_on,
        by,
        comment,
        evidence,
        reason,
    ) in POINT_REPORTS:
        if slug not in projects:
            continue
        point = projects[slug].control_points.get(title=title)
        if ControlPointReport.objects.filter(control_point=point, state=state).exists():
            continue
        ControlPointReport.objects.create(
            project=projects[slug],
            control_point=point,
            state=state,
            completed_on=completed_on,
            comment=comment,
            evidence_link=EVIDENCE + evidence,
            reported_by=accounts[by],
            reported_at=reported_at(reported_on),
            return_reason=reason,
            **decision(state, reported_on),
        )
        note(f"report on «{title}» ({state})")


def ensure_indicator_facts(projects, accounts, note):
    for slug, name, year, value, state, reported_on, by in INDICATOR_FACTS:
        if slug not in projects:
            continue
        indicator = projects[slug].indicators.get(name=name)
        if IndicatorFact.objects.filter(indicator=indicator, year=year, state=state).exists():
            continue
        IndicatorFact.objects.create(
            project=projects[slug],
            indicator=indicator,
            year=year,
            value=Decimal(value),
            state=state,
            reported_by=accounts[by],
            reported_at=reported_at(reported_on),
            **decision(state, reported_on),
        )
        note(f"value of «{name}» for {year} ({state})")
