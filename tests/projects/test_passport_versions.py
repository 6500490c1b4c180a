"""A passport's plan as data and its changes in Russian, as «История паспорта» shows them."""

import copy
import datetime
from decimal import Decimal

import pytest

from projects.models import ProjectStatus
from projects.passport_versions import changes, guarded_part, plan_of
from tests.projects.factories import (
    BudgetLineFactory,
    ControlPointFactory,
    IndicatorFactory,
    ProjectPageFactory,
)

pytestmark = pytest.mark.django_db


def plain(lines):
    """Russian number grouping uses a no-break space; the tests read it as a space."""
    return [line.replace("\xa0", " ") for line in lines]


@pytest.fixture
def project(project_index):
    project = ProjectPageFactory(
        parent=project_index,
        title="Школа на Бытхе",
        status=ProjectStatus.APPROVED,
        start_on=datetime.date(2026, 3, 1),
        end_on=datetime.date(2026, 12, 31),
        goals="<p>Построить школу.</p>",
    )
    ControlPointFactory(
        page=project,
        title="Проект школы",
        planned_on=datetime.date(2026, 6, 1),
        forecast_on=datetime.date(2026, 7, 1),
        actual_on=datetime.date(2026, 7, 2),
    )
    IndicatorFactory(
        page=project,
        name="Ученических мест",
        unit="мест",
        baseline_value=Decimal("0.00"),
        baseline_year=2025,
        targets="2026: 10; 2027: 12,5",
        actual_value=Decimal(7),
    )
    BudgetLineFactory(page=project, source="city", year=2026, amount=Decimal("600.0"))
    BudgetLineFactory(page=project, source="city", year=2026, amount=Decimal("400.0"))
    BudgetLineFactory(page=project, source="regional", year=2027, amount=Decimal("250.5"))
    return project


def test_plan_holds_dates_targets_and_budget_but_not_texts_forecasts_or_facts(project):
    point = project.control_points.get()
    indicator = project.indicators.get()
    assert plan_of(project) == {
        "title": "Школа на Бытхе",
        "status": "approved",
        "start_on": "2026-03-01",
        "end_on": "2026-12-31",
        "control_points": {str(point.pk): {"title": "Проект школы", "planned_on": "2026-06-01"}},
        "indicators": {
            str(indicator.pk): {
                "name": "Ученических мест",
                "unit": "мест",
                "baseline_value": "0",
                "baseline_year": 2025,
                "targets": {"2026": "10", "2027": "12.5"},
            }
        },
        # Two lines for one source and year add up.
        "budget": {"city": {"2026": "1000"}, "regional": {"2027": "250.5"}},
    }


def test_same_plan_has_no_changes(project):
    assert changes(plan_of(project), plan_of(project)) == []


def test_dates_and_status_changes_in_russian(project):
    old = plan_of(project)
    new = copy.deepcopy(old)
    new["end_on"] = "2027-06-30"
    new["start_on"] = None
    new["status"] = "suspended"
    assert changes(old, new) == [
        "Статус: Утверждён проектным комитетом → Приостановлен",
        "Дата начала: 1 марта 2026 → не указана",
        "Дата окончания: 31 декабря 2026 → 30 июня 2027",
    ]


def test_control_point_moved_added_removed_and_renamed(project):
    old = plan_of(project)
    key = next(iter(old["control_points"]))
    new = copy.deepcopy(old)
    new["control_points"][key] = {"title": "Проект школы", "planned_on": "2026-09-01"}
    new["control_points"]["new-2"] = {"title": "Стройка", "planned_on": "2027-03-15"}
    assert changes(old, new) == [
        "Контрольная точка «Проект школы»: плановая дата 1 июня 2026 → 1 сентября 2026",
        "Добавлена контрольная точка «Стройка» (15 марта 2027)",
    ]
    renamed = copy.deepcopy(old)
    renamed["control_points"][key]["title"] = "Проектная документация"
    assert changes(old, renamed) == [
        "Контрольная точка «Проект школы» переименована: «Проектная документация»"
    ]
    removed = copy.deepcopy(old)
    del removed["control_points"][key]
    assert changes(old, removed) == ["Исключена контрольная точка «Проект школы» (1 июня 2026)"]


def test_indicator_targets_and_baseline_with_russian_numbers(project):
    old = plan_of(project)
    key = next(iter(old["indicators"]))
    new = copy.deepcopy(old)
    new["indicators"][key]["targets"] = {"2026": "12", "2027": "12.5", "2028": "1500"}
    new["indicators"][key]["baseline_value"] = "2.25"
    new["indicators"][key]["unit"] = "ед."
    assert plain(changes(old, new)) == [
        "Показатель «Ученических мест»: единица измерения мест → ед.",
        "Показатель «Ученических мест»: базовое значение 0 (2025 год) → 2,25 (2025 год)",
        "Показатель «Ученических мест»: цель на 2026 год 10 → 12",
        "Показатель «Ученических мест»: цель на 2028 год — → 1 500",
    ]


def test_indicator_added_and_removed(project):
    old = plan_of(project)
    key = next(iter(old["indicators"]))
    new = copy.deepcopy(old)
    added = dict(new["indicators"][key], name="Педагогов", unit="чел.")
    del new["indicators"][key]
    new["indicators"]["new-1"] = added
    assert changes(old, new) == [
        "Исключён показатель «Ученических мест»",
        "Добавлен показатель «Педагогов» (чел.)",
    ]


def test_budget_lines_in_thousand_roubles(project):
    old = plan_of(project)
    new = copy.deepcopy(old)
    new["budget"]["city"]["2026"] = "1200"
    new["budget"]["city"]["2027"] = "50"
    del new["budget"]["regional"]
    assert plain(changes(old, new)) == [
        "Бюджет, краевой бюджет, 2027: 250,5 → — тыс. руб.",
        "Бюджет, бюджет города, 2026: 1 000,0 → 1 200,0 тыс. руб.",
        "Бюджет, бюджет города, 2027: — → 50,0 тыс. руб.",
    ]


def test_rows_not_saved_yet_are_keyed_apart(project):
    point = ControlPointFactory.build(title="Новая", planned_on=datetime.date(2027, 1, 1))
    plan = plan_of(project, control_points=[point])
    assert plan["control_points"] == {"new-1": {"title": "Новая", "planned_on": "2027-01-01"}}


def test_guard_ignores_the_title_and_the_start_of_work(project):
    approved = plan_of(project)
    in_work = dict(approved, status="in-progress", title="Новая школа")
    assert guarded_part(in_work) == guarded_part(approved)
    suspended = dict(approved, status="suspended")
    assert guarded_part(suspended) != guarded_part(approved)
