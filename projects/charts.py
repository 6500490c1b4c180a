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
