"""Domain rules of a passport: control-point status by date, yearly targets, budget totals."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from projects.models import (
    BudgetLine,
    ControlPoint,
    ControlPointStatus,
    budget_table,
    control_point_status,
    parse_targets,
)

TODAY = datetime.date(2026, 11, 26)
NOON_IN_SOCHI = datetime.datetime(
    2026, 11, 26, 12, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=3))
)


def days(number):
    return TODAY + datetime.timedelta(days=number)


@pytest.mark.parametrize(
    ("planned_on", "forecast_on", "actual_on", "expected"),
    [
        (days(-100), None, days(-90), ControlPointStatus.DONE),
        (days(100), None, days(-1), ControlPointStatus.DONE),
        (days(-1), None, None, ControlPointStatus.OVERDUE),
        (days(0), None, None, ControlPointStatus.DUE_SOON),
        (days(30), None, None, ControlPointStatus.DUE_SOON),
        (days(31), None, None, ControlPointStatus.PLANNED),
        (days(-10), days(40), None, ControlPointStatus.PLANNED),
        (days(-10), days(5), None, ControlPointStatus.DUE_SOON),
        (days(60), days(-1), None, ControlPointStatus.OVERDUE),
    ],
)
def test_control_point_status_at_date_boundaries(planned_on, forecast_on, actual_on, expected):
    with time_machine.travel(NOON_IN_SOCHI, tick=False):
        point = ControlPoint(
            title="Точка", planned_on=planned_on, forecast_on=forecast_on, actual_on=actual_on
        )
        assert point.status == expected
    assert control_point_status(planned_on, forecast_on, actual_on, today=TODAY) == expected


def test_a_point_due_today_becomes_overdue_the_next_day():
    point = ControlPoint(title="Точка", planned_on=TODAY)
    with time_machine.travel(NOON_IN_SOCHI, tick=False):
        assert point.status == ControlPointStatus.DUE_SOON
        assert point.days_overdue == 0
    with time_machine.travel(NOON_IN_SOCHI + datetime.timedelta(days=3), tick=False):
        assert point.status == ControlPointStatus.OVERDUE
        assert point.days_overdue == 3


def test_overdue_follows_the_sochi_calendar_day_not_utc():
    point = ControlPoint(title="Точка", planned_on=TODAY)
    # 22:30 UTC on the 26th is already the 27th in Sochi (UTC+3).
    with time_machine.travel(datetime.datetime(2026, 11, 26, 22, 30, tzinfo=datetime.UTC)):
        assert point.status == ControlPointStatus.OVERDUE


def test_targets_are_parsed_by_year_with_either_decimal_separator():
    assert parse_targets("2026: 20; 2025: 10,5 ;2027:30.25;") == {
        2025: Decimal("10.5"),
        2026: Decimal("20"),
        2027: Decimal("30.25"),
    }
    assert parse_targets("") == {}


@pytest.mark.parametrize("text", ["2025 10", "двадцать: 5", "2025: 10; 2025: 12", "25: 1"])
def test_malformed_targets_are_rejected(text):
    with pytest.raises(ValidationError):
        parse_targets(text)


def test_budget_table_totals_by_year_and_by_source():
    lines = [
        BudgetLine(source="city", year=2026, amount=Decimal("100.5")),
        BudgetLine(source="city", year=2027, amount=Decimal("200")),
        BudgetLine(source="federal", year=2027, amount=Decimal("1000")),
        BudgetLine(source="city", year=2026, amount=Decimal("50")),
    ]
    table = budget_table(lines)
    assert table.years == [2026, 2027]
    # Rows follow the order of sources: federal before city.
    assert [(total, amounts) for _label, amounts, total in table.rows] == [
        (Decimal("1000"), [None, Decimal("1000")]),
        (Decimal("350.5"), [Decimal("150.5"), Decimal("200")]),
    ]
    assert table.year_totals == [Decimal("150.5"), Decimal("1200")]
    assert table.total == Decimal("1350.5")
