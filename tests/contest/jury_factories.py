"""A contest with a jury stage, its criteria and jurors, for the jury's tests."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group

from contest.models import ContestPage, Criterion
from portal import roles
from tests.accounts.factories import make_user
from tests.contest.factories import CLOSES

JURY_CLOSES = CLOSES + datetime.timedelta(days=2)  # 12 December 2026, 17:00 UTC


def with_jury(contest, *, rule="vote", jury_weight=50, criteria=(("Благоустройство", 2, 10),)):
    """The contest given a jury stage closing at JURY_CLOSES and criteria (name, weight, scale)."""
    ContestPage.objects.filter(pk=contest.pk).update(
        jury_closes_at=JURY_CLOSES, result_rule=rule, jury_weight_percent=jury_weight
    )
    contest.jury_closes_at, contest.result_rule = JURY_CLOSES, rule
    contest.jury_weight_percent = jury_weight
    made = [
        Criterion.objects.create(
            contest=contest, name=name, weight=Decimal(weight), scale_max=scale, sort_order=order
        )
        for order, (name, weight, scale) in enumerate(criteria)
    ]
    return made


def juror(username):
    roles.ensure_roles()
    user = make_user(username)
    user.groups.add(Group.objects.get(name=roles.JURY))
    return type(user).objects.get(pk=user.pk)  # fresh: no permission cache


def staff(username, group):
    roles.ensure_roles()
    user = make_user(username)
    user.groups.add(Group.objects.get(name=group))
    return type(user).objects.get(pk=user.pk)
