"""The one status rule (projects.status) at its boundaries, on a fixed day."""

import datetime
from decimal import Decimal

import pytest

from projects.models import ControlPoint, Indicator, IndicatorFact, ProjectPage, ProjectStatus
from projects.models.reports import ReportState
from projects.status import Colour, attach_health, attainment, project_health
from tests.projects.factories import (
    ControlPointFactory,
    IndicatorFactFactory,
    IndicatorFactory,
    ProjectPageFactory,
)

TODAY = datetime.date(2027, 3, 1)


def point(days_overdue=None, done=False, forecast_days=None):
    """A control point due `days_overdue` days before TODAY (or far ahead when None)."""
    planned = TODAY + datetime.timedelta(days=90)
    if days_overdue is not None:
        planned = TODAY - datetime.timedelta(days=days_overdue)
    forecast = None if forecast_days is None else TODAY + datetime.timedelta(days=forecast_days)
    actual = planned if done else None
    return ControlPoint(
        title="Проект школы", planned_on=planned, forecast_on=forecast, actual_on=actual
    )


def indicator(targets="2026: 20; 2027: 30", baseline=10, facts=None):
    """An indicator with the given accepted facts {year: value}."""
    item = Indicator(
        name="Мест в школах", unit="шт.", baseline_value=Decimal(baseline), baseline_year=2025
    )
    item.targets = targets
    item.accepted_facts = [
        IndicatorFact(year=year, value=Decimal(value)) for year, value in (facts or {}).items()
    ]
    return item


def health(points=(), indicators=(), status=ProjectStatus.IN_PROGRESS):
    project = ProjectPage(title="Школа", status=status)
    return project_health(project, TODAY, control_points=list(points), indicators=list(indicators))


def test_nothing_overdue_and_past_targets_reached_is_green():
    result = health([point(), point(days_overdue=5, done=True)], [indicator(facts={2026: 20})])
    assert result.colour == Colour.GREEN
    assert str(result.label) == "По плану"
    assert result.worst_percent == 100


def test_a_point_30_days_overdue_is_amber():
    result = health([point(days_overdue=30)], [indicator(facts={2026: 20})])
    assert result.colour == Colour.AMBER
    assert str(result.label) == "Есть риски"
    assert result.overdue_points == 1
    assert result.reasons == ["Контрольная точка «Проект школы» просрочена на 30 дней."]


def test_a_point_31_days_overdue_is_red():
    result = health([point(days_overdue=31)], [indicator(facts={2026: 20})])
    assert result.colour == Colour.RED
    assert str(result.label) == "Отстаёт"
    assert result.first_reason == "Контрольная точка «Проект школы» просрочена на 31 день."


def test_a_point_due_today_is_not_overdue():
    assert health([point(days_overdue=0)], [indicator(facts={2026: 20})]).colour == Colour.GREEN


def test_a_later_forecast_replaces_the_plan():
    late_plan = point(days_overdue=40, forecast_days=10)
    assert health([late_plan], [indicator(facts={2026: 20})]).colour == Colour.GREEN


def test_a_done_point_is_not_overdue_however_late_its_plan():
    assert health([point(days_overdue=400, done=True)]).colour == Colour.GREEN


def test_exactly_70_percent_is_amber_and_just_under_is_red():
    # Baseline 10, target 20: a fact of 17 covers 7 of the 10 planned.
    exactly = health([], [indicator(facts={2026: 17})])
    assert exactly.colour == Colour.AMBER
    assert exactly.reasons == ["«Мест в школах» в 2026 году: 70 % от плана."]
    under = health([], [indicator(facts={2026: Decimal("16.99")})])
    assert under.colour == Colour.RED
    assert under.worst_percent == 69  # rounded down: never shown as 70 when it is below


def test_exactly_100_percent_is_green_and_just_under_is_amber():
    assert health([], [indicator(facts={2026: 20})]).colour == Colour.GREEN
    assert health([], [indicator(facts={2026: Decimal("19.99")})]).colour == Colour.AMBER


def test_over_the_target_is_green():
    result = health([], [indicator(facts={2026: 25})])
    assert result.colour == Colour.GREEN
    assert result.worst_percent == 150


def test_falling_targets_count_the_way_down():
    # From 100 road accidents down to 50: 65 covers 35 of the 50 planned, 70 %.
    falling = "2026: 50; 2027: 40"
    assert health([], [indicator(falling, baseline=100, facts={2026: 65})]).colour == Colour.AMBER
    assert health([], [indicator(falling, baseline=100, facts={2026: 66})]).colour == Colour.RED
    assert health([], [indicator(falling, baseline=100, facts={2026: 45})]).colour == Colour.GREEN


def test_a_target_equal_to_the_baseline_is_held_in_the_indicators_direction():
    assert attainment(10, 10, 10) == 100
    assert attainment(10, 10, 12) == 100
    assert attainment(10, 10, 8) == 80
    assert attainment(10, 10, 12, rising=False) == 80
    assert attainment(0, 0, 1, rising=False) == 0


def test_a_past_year_without_an_accepted_value_is_amber():
    result = health([], [indicator()])
    assert result.colour == Colour.AMBER
    assert result.reasons == ["«Мест в школах»: нет принятого значения за 2026 год."]
    assert result.worst_attainment is None


def test_the_current_year_is_not_judged():
    # 2027 has a target of 30 and a fact of 11: the year is not over.
    assert health([], [indicator(facts={2026: 20, 2027: 11})]).colour == Colour.GREEN


def test_red_reasons_come_before_amber_ones():
    result = health([point(days_overdue=3)], [indicator(facts={2026: 12})])
    assert result.colour == Colour.RED
    assert result.reasons[0].startswith("«Мест в школах» в 2026 году: 20 %")
    assert "просрочена на 3 дня" in result.reasons[1]


@pytest.mark.parametrize(
    "status", [ProjectStatus.PROPOSAL, ProjectStatus.SUSPENDED, ProjectStatus.COMPLETED]
)
def test_projects_not_under_way_are_not_evaluated(status):
    result = health([point(days_overdue=100)], [indicator(facts={2026: 0})], status=status)
    assert result.colour is None
    assert str(result.label) == "Не оценивается"


@pytest.mark.parametrize("status", [ProjectStatus.APPROVED, ProjectStatus.IN_PROGRESS])
def test_approved_and_in_progress_projects_are_evaluated(status):
    assert health([point(days_overdue=100)], status=status).colour == Colour.RED


@pytest.mark.django_db
def test_only_accepted_facts_count_and_a_list_is_judged_in_fixed_queries(
    django_assert_num_queries, project_index
):
    for number in range(3):
        project = ProjectPageFactory(parent=project_index, status=ProjectStatus.IN_PROGRESS)
        ControlPointFactory(page=project, planned_on=datetime.date(2027, 1, 1))
        item = IndicatorFactory(page=project)
        IndicatorFactFactory(indicator=item, year=2026, value=20, state=ReportState.PENDING)
        IndicatorFactFactory(indicator=item, year=2026, value=12, state=ReportState.RETURNED)
        if number:
            IndicatorFactFactory(indicator=item, year=2026, value=20, state=ReportState.ACCEPTED)
    projects = ProjectPage.objects.order_by("title").prefetch_related(
        "control_points", "indicators"
    )
    with django_assert_num_queries(4):
        judged = attach_health(projects, TODAY)
    # The 59-day-old point makes each red; only the first lacks an accepted 2026 value.
    assert [p.health.colour for p in judged] == [Colour.RED] * 3
    assert [p.health.worst_percent for p in judged] == [None, 100, 100]
