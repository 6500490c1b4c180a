"""A control point alert and the office digest are sent once even when workers race
(projects.alerts): real concurrent transactions on PostgreSQL (tests/races.py)."""

import datetime

from django.contrib.auth.models import Group

from portal import roles
from portal.models import OutboundEmail
from projects.alerts import send_control_point_alerts, send_office_digest
from projects.models import ControlPointAlert, OfficeDigest
from tests.projects.factories import (
    ProjectIndexPageFactory,
    project_with_team,
    team_member,
)
from tests.races import POSTGRES_RACES, run_together

pytestmark = POSTGRES_RACES
TWO_DAYS_BEFORE = datetime.date(2026, 11, 29)  # the factories' point is due on 1 December
DAY_AFTER = datetime.date(2026, 12, 2)


def test_concurrent_runs_alert_each_point_once(home, django_user_model):
    index = ProjectIndexPageFactory(parent=home)
    administrator = team_member(django_user_model, "team-admin")
    head = team_member(django_user_model, "team-head")
    project_with_team(index, administrator=administrator, head=head)
    results = run_together(8, lambda _number: send_control_point_alerts(TWO_DAYS_BEFORE))
    assert [r for r in results if isinstance(r, Exception)] == []
    assert sorted(results) == [0] * 7 + [1]
    assert ControlPointAlert.objects.count() == 1
    assert OutboundEmail.objects.filter(template="projects/mail/point_due_soon").count() == 2


def test_concurrent_runs_send_the_weekly_digest_once(home, django_user_model):
    index = ProjectIndexPageFactory(parent=home)
    project_with_team(index)
    roles.ensure_roles()
    office = django_user_model.objects.create_user(username="office", email="office@sochi.test")
    office.groups.add(Group.objects.get(name=roles.PROJECT_OFFICE))
    results = run_together(8, lambda _number: send_office_digest(DAY_AFTER))
    assert [r for r in results if isinstance(r, Exception)] == []
    assert sum(result is not None for result in results) == 1
    assert OfficeDigest.objects.count() == 1
    assert OutboundEmail.objects.filter(template="projects/mail/office_digest").count() == 1
