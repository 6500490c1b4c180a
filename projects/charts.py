"""The control-point overview of the project list, drawn on the server as SVG geometry.

Each project is one row: a bar split by control-point status in proportion to how many points are
in each. The template draws it with presentation attributes only (no style=, no script), so it
passes the strict Content-Security-Policy; the same numbers are given as a table for people who
cannot see the picture.
"""

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import Truncator

from projects.models import ControlPointStatus
from projects.status import accepted_facts, attainment, shown_percent

# Colours with at least 3:1 contrast on white; the status is also written out in the legend and
# the table, never told by colour alone.
FILLS = {
    ControlPointStatus.DONE: "#2e7d32",
    ControlPointStatus.DUE_SOON: "#b45309",
    ControlPointStatus.OVERDUE: "#b00020",
    ControlPointStatus.PLANNED: "#6b7280",
}
ORDER = [
    ControlPointStatus.DONE,
    ControlPointStatus.DUE_SOON,
    ControlPointStatus.OVERDUE,
    ControlPointStatus.PLANNED,
]
WIDTH = 720
LABEL_WIDTH = 250
BAR_X = 260
BAR_WIDTH = 380
ROW_HEIGHT = 30
BAR_HEIGHT = 18
LEGEND_HEIGHT = 34
LABEL_CHARS = 30


@dataclass
class Segment:
    status: str
    label: str
    count: int
    x: float
    width: float
    fill: str


@dataclass
class Row:
    project: object
    label: str
    y: int
    counts: dict
    total: int
    segments: list = field(default_factory=list)

    @property
    def cells(self):
        """(status label, count) in the chart's order, for the description and the table."""
        return [(status.label, self.counts[status]) for status in ORDER]

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT - 4


@dataclass
class LegendItem:
    label: str
    fill: str
    x: int


@dataclass
class Chart:
    rows: list
    legend: list
    width: int = WIDTH
    height: int = 0
    bar_x: int = BAR_X
    bar_width: int = BAR_WIDTH
    bar_height: int = BAR_HEIGHT
    label_x: int = LABEL_WIDTH
    total_x: int = BAR_X + BAR_WIDTH + 10
    statuses: list = field(default_factory=lambda: [status.label for status in ORDER])


def control_points_chart(projects, today=None):
    """Chart geometry for the given projects (their control points prefetched)."""
    today = today or timezone.localdate()
    rows = []
    for number, project in enumerate(projects):
        counts = dict.fromkeys(ORDER, 0)
        for point in project.control_points.all():
            counts[point.status_on(today)] += 1
        total = sum(counts.values())
        row = Row(
            project=project,
            label=Truncator(project.short_name or project.title).chars(LABEL_CHARS),
            y=LEGEND_HEIGHT + number * ROW_HEIGHT,
            counts=counts,
            total=total,
        )
        x = float(BAR_X)
        for status in ORDER:
            if counts[status]:
                width = BAR_WIDTH * counts[status] / total
                row.segments.append(
                    Segment(
                        status.value,
                        status.label,
                        counts[status],
                        round(x, 1),
                        round(width, 1),
                        FILLS[status],
                    )
                )
                x += width
        rows.append(row)
    legend = [
        LegendItem(status.label, FILLS[status], index * 170) for index, status in enumerate(ORDER)
    ]
    return Chart(rows=rows, legend=legend, height=LEGEND_HEIGHT + len(rows) * ROW_HEIGHT + 6)


# Plan against fact per year on the passport: one small chart per indicator, drawn as SVG
# geometry like the overview above; the template gives the same numbers as a table.
PLAN_FILL = "#9db7d5"
PLAN_STROKE = "#0b4f8a"
FACT_FILL = "#2e7d32"
BASELINE_STROKE = "#6b7280"
PLAN_FACT_WIDTH = 480
PLAN_FACT_HEIGHT = 220
PLOT_LEFT = 8
PLOT_RIGHT = PLAN_FACT_WIDTH - 8
PLOT_TOP = 12
PLOT_BOTTOM = 190
YEAR_LABEL_Y = 210
MAX_BAR_WIDTH = 36
BAR_GAP = 2


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float


@dataclass
class PlanFactYear:
    """One year of an indicator: the numbers for the table and the bars for the picture."""

    year: int
    target: object  # Decimal or None
    fact: object  # Decimal or None (no accepted value)
    percent: object  # whole per cent (projects.status.shown_percent) or None
    label_x: float
    plan_bar: Bar | None = None
    fact_bar: Bar | None = None


@dataclass
class PlanFactChart:
    indicator: object
    years: list
    baseline_y: float
    zero_y: float
    width: int = PLAN_FACT_WIDTH
    height: int = PLAN_FACT_HEIGHT
    plot_left: int = PLOT_LEFT
    plot_right: int = PLOT_RIGHT
    year_label_y: int = YEAR_LABEL_Y
    plan_fill: str = PLAN_FILL
    plan_stroke: str = PLAN_STROKE
    fact_fill: str = FACT_FILL
    baseline_stroke: str = BASELINE_STROKE


def plan_fact_chart(indicator):
    """PlanFactChart for an indicator (its `accepted_facts` set, see
    projects.status.attach_accepted_facts), or None when it has no year to draw."""
    targets = indicator.target_values()
    facts = accepted_facts(indicator)
    years = sorted(set(targets) | set(facts))
    if not years:
        return None
    baseline = indicator.baseline_value
    values = [baseline, *targets.values(), *facts.values()]
    top, bottom = max(max(values), 0), min(min(values), 0)
    scale = (PLOT_BOTTOM - PLOT_TOP) / float(top - bottom) if top != bottom else 0.0

    def y_of(value):
        return round(PLOT_BOTTOM - float(value - bottom) * scale, 1)

    zero_y = y_of(0)
    rising = not targets or targets[max(targets)] >= baseline
    group = (PLOT_RIGHT - PLOT_LEFT) / len(years)
    bar_width = min(MAX_BAR_WIDTH, group * 0.35)

    def bar(x, value):
        y = y_of(value)
        return Bar(round(x, 1), min(y, zero_y), round(bar_width, 1), round(abs(zero_y - y), 1))

    rows = []
    for number, year in enumerate(years):
        centre = PLOT_LEFT + group * number + group / 2
        target, fact = targets.get(year), facts.get(year)
        percent = None
        if target is not None and fact is not None:
            percent = shown_percent(attainment(baseline, target, fact, rising))
        row = PlanFactYear(year, target, fact, percent, round(centre, 1))
        if target is not None:
            row.plan_bar = bar(centre - BAR_GAP - bar_width, target)
        if fact is not None:
            row.fact_bar = bar(centre + BAR_GAP, fact)
        rows.append(row)
    return PlanFactChart(indicator, rows, baseline_y=y_of(baseline), zero_y=zero_y)
