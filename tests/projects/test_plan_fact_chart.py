"""Plan against fact per year on the passport: the SVG geometry, its table and the page."""

import re
from decimal import Decimal

import pytest

from projects.charts import PLOT_BOTTOM, plan_fact_chart
from projects.models import Indicator, IndicatorFact, ReportState
from tests.projects.factories import IndicatorFactFactory, IndicatorFactory, ProjectPageFactory


def indicator(targets="2026: 20; 2027: 30", baseline=10, facts=None):
    item = Indicator(name="Мест", unit="шт.", baseline_value=Decimal(baseline), baseline_year=2025)
    item.targets = targets
    item.accepted_facts = [
        IndicatorFact(year=year, value=Decimal(value)) for year, value in (facts or {}).items()
    ]
    return item


def test_bars_stand_at_their_values_on_a_common_scale():
    chart = plan_fact_chart(indicator(facts={2026: 15}))
    first, second = chart.years
    assert (first.year, second.year) == (2026, 2027)
    # 30 is the top of the scale (178 units high), the axis at 190: one unit of value is 178/30.
    assert (first.plan_bar.x, first.plan_bar.y, first.plan_bar.height) == (86.0, 71.3, 118.7)
    assert (first.fact_bar.x, first.fact_bar.y, first.fact_bar.height) == (126.0, 101.0, 89.0)
    assert first.plan_bar.width == first.fact_bar.width == 36
    assert (second.plan_bar.x, second.plan_bar.y, second.plan_bar.height) == (318.0, 12.0, 178.0)
    assert second.fact_bar is None
    assert chart.baseline_y == 130.7
    assert chart.zero_y == PLOT_BOTTOM
    assert (first.label_x, second.label_x) == (124.0, 356.0)


def test_the_table_numbers_are_plan_fact_and_attainment():
    chart = plan_fact_chart(indicator(facts={2026: 15}))
    table = [(row.year, row.target, row.fact, row.percent) for row in chart.years]
    assert table == [(2026, Decimal(20), Decimal(15), 50), (2027, Decimal(30), None, None)]


def test_without_facts_only_the_plan_is_drawn():
    chart = plan_fact_chart(indicator())
    assert [row.fact_bar for row in chart.years] == [None, None]
    assert all(row.plan_bar for row in chart.years)
    assert [row.percent for row in chart.years] == [None, None]


def test_an_indicator_without_targets_or_facts_has_no_chart():
    assert plan_fact_chart(indicator(targets="")) is None


def test_a_fact_for_a_year_without_a_target_is_drawn_alone():
    chart = plan_fact_chart(indicator(targets="2027: 30", facts={2026: 12}))
    first = chart.years[0]
    assert (first.year, first.target, first.plan_bar, first.percent) == (2026, None, None, None)
    assert first.fact_bar is not None


def test_a_falling_indicator_counts_the_way_down():
    # From 100 accidents to 50: 65 is 70 % of the way; the higher bar is the fact.
    chart = plan_fact_chart(indicator("2026: 50", baseline=100, facts={2026: 65}))
    (row,) = chart.years
    assert row.percent == 70
    assert row.plan_bar.height == 89.0
    assert row.fact_bar.height == 115.7
    assert chart.baseline_y == 12.0


@pytest.mark.django_db
def test_the_passport_shows_the_chart_and_the_table(client, project_index):
    project = ProjectPageFactory(parent=project_index)
    item = IndicatorFactory(page=project, name="Мест в школах", unit="мест")
    IndicatorFactFactory(indicator=item, year=2026, value=15, state=ReportState.ACCEPTED)
    IndicatorFactFactory(indicator=item, year=2027, value=99)  # pending: not shown
    response = client.get(project.url)
    html = response.content.decode()
    assert "Мест в школах: план и факт по годам, мест" in html
    assert "Факт (принятый)" in html and "Базовое значение (2025)" in html
    figure = html[html.index('<figure class="plan-fact"') : html.index("</figure>")]
    assert 'viewBox="0 0 480 220"' in figure
    assert len(re.findall(r'<rect class="plan-fact__plan"', figure)) == 2
    assert len(re.findall(r'<rect class="plan-fact__fact"', figure)) == 1
    assert "style=" not in figure and "<script" not in figure
    cells = re.findall(r"<td>([^<]*)</td>", figure)
    assert cells == ["20", "15", "50 %", "30", "—", "—"]


@pytest.mark.django_db
def test_the_passport_header_shows_the_assessment(client, project_index):
    project = ProjectPageFactory(parent=project_index)
    IndicatorFactory(page=project, targets="2020: 20")
    html = client.get(project.url).content.decode()
    start = html.index('<header class="article__header"')
    header = html[start : html.index("</header>", start)]
    assert "Есть риски" in header
    assert "нет принятого значения за 2020 год" in header
    assert "Как считается статус" in header


def test_chart_years_are_sorted():
    chart = plan_fact_chart(indicator("2028: 5; 2026: 1", baseline=0, facts={2027: 3}))
    assert [row.year for row in chart.years] == [2026, 2027, 2028]
