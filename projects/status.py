"""One rule for how a project is doing: on plan, at risk or behind, and why.

The rule (the public list explains it in its «Как считается статус» note, the project office
dashboard shows the reasons line by line):

- Only projects approved by the committee or in progress are judged; a proposal, a suspended or
  a completed project is «Не оценивается».
- RED («Отстаёт»): a control point overdue by more than RED_OVERDUE_DAYS days, or an indicator
  whose attainment for a past year is below RED_ATTAINMENT per cent.
- AMBER («Есть риски»), when not red: a control point overdue at all, or a past year's
  attainment below FULL_ATTAINMENT per cent, or a past year with a target and no accepted value.
- GREEN («По плану») otherwise.

Overdue is the control point's own status (projects.models.control_points: the forecast replaces
the plan, a point with an actual date is done). Only years before today's year are judged: the
current year is not over. A year's fact is the IndicatorFact the project office accepted.

Attainment of a year = (fact − baseline) / (target − baseline): the share of the planned way from
the baseline that was covered, so a falling target (fewer accidents) works like a rising one.
When a year's target equals the baseline (the level is to be held) the direction is that of the
indicator's last target (rising if every target equals the baseline): reaching the target in
that direction is 100 %, falling short by d gives 100 % − d / |target| (0 % for a target of 0).
Shown rounded down to a whole per cent, so the number shown never crosses a threshold the exact
value did not.
"""

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from portal.russian import inner_quotes
from projects.models import ControlPointStatus, IndicatorFact, ProjectStatus
from projects.models.reports import ReportState

RED_OVERDUE_DAYS = 30
RED_ATTAINMENT = Decimal(70)
FULL_ATTAINMENT = Decimal(100)
EVALUATED_STATUSES = (ProjectStatus.APPROVED, ProjectStatus.IN_PROGRESS)


class Colour(models.TextChoices):
    GREEN = "green", pgettext_lazy("project health", "On plan")
    AMBER = "amber", pgettext_lazy("project health", "At risk")
    RED = "red", pgettext_lazy("project health", "Behind")


# Swatches beside the label (never the colour alone), at least 3:1 on white.
FILLS = {Colour.GREEN: "#2e7d32", Colour.AMBER: "#b45309", Colour.RED: "#b00020"}
NOT_EVALUATED_FILL = "#6b7280"

NOT_EVALUATED = "none"
NOT_EVALUATED_LABEL = pgettext_lazy("project health", "Not evaluated")
# The dashboard's colour filter: the three colours and the projects not judged.
COLOUR_CHOICES = [*Colour.choices, (NOT_EVALUATED, NOT_EVALUATED_LABEL)]
COLOUR_FILLS = [*(FILLS[colour] for colour in Colour), NOT_EVALUATED_FILL]


@dataclass(frozen=True)
class YearAttainment:
    """One past year of one indicator: its target, the accepted fact and the attainment."""

    indicator: object
    year: int
    target: Decimal
    fact: Decimal | None
    attainment: Decimal | None  # per cent, exact; None without an accepted fact

    @property
    def percent(self):
        return shown_percent(self.attainment)


@dataclass(frozen=True)
class Health:
    colour: str | None  # a Colour value, None when not evaluated
    reasons: list = field(default_factory=list)
    overdue_points: int = 0
    worst_attainment: Decimal | None = None  # the lowest past-year attainment, per cent

    @property
    def label(self):
        return Colour(self.colour).label if self.colour else NOT_EVALUATED_LABEL

    @property
    def fill(self):
        return FILLS[self.colour] if self.colour else NOT_EVALUATED_FILL

    @property
    def filter_value(self):
        return self.colour or NOT_EVALUATED

    @property
    def first_reason(self):
        return self.reasons[0] if self.reasons else ""

    @property
    def worst_percent(self):
        return shown_percent(self.worst_attainment)


def shown_percent(value):
    """A whole per cent, rounded down; None stays None."""
    if value is None:
        return None
    return int(value.to_integral_value(rounding=ROUND_DOWN))


def attainment(baseline, target, fact, rising=True):
    """Per cent of the way from baseline to target covered by fact (see the module docstring)."""
    baseline, target, fact = Decimal(baseline), Decimal(target), Decimal(fact)
    if target != baseline:
        return (fact - baseline) / (target - baseline) * 100
    shortfall = (target - fact) if rising else (fact - target)
    if shortfall <= 0:
        return FULL_ATTAINMENT
    if target == 0:
        return Decimal(0)
    return max(Decimal(0), FULL_ATTAINMENT - shortfall / abs(target) * 100)


def accepted_facts(indicator):
    """{year: value} of the accepted facts (set by attach_health or attach_accepted_facts)."""
    facts = getattr(indicator, "accepted_facts", None)
    if facts is None:
        facts = indicator.facts.filter(state=ReportState.ACCEPTED)
    return {fact.year: fact.value for fact in facts}


def attach_accepted_facts(indicators):
    """The indicators as a list, each with `accepted_facts` read in one query for them all (for
    indicators read one by one, such as the passport's, a preview's unsaved ones included)."""
    indicators = list(indicators)
    saved = [indicator.pk for indicator in indicators if indicator.pk]
    facts = {}
    if saved:
        accepted = IndicatorFact.objects.filter(indicator__in=saved, state=ReportState.ACCEPTED)
        for fact in accepted:
            facts.setdefault(fact.indicator_id, []).append(fact)
    for indicator in indicators:
        indicator.accepted_facts = facts.get(indicator.pk, [])
    return indicators


def year_attainments(indicator, until_year=None):
    """YearAttainment for each year with a target (before until_year if given), by year."""
    targets = indicator.target_values()
    facts = accepted_facts(indicator)
    rising = True
    if targets:
        last = targets[max(targets)]
        rising = last >= indicator.baseline_value
    rows = []
    for year, target in targets.items():
        if until_year is not None and year >= until_year:
            continue
        fact = facts.get(year)
        value = None
        if fact is not None:
            value = attainment(indicator.baseline_value, target, fact, rising)
        rows.append(YearAttainment(indicator, year, target, fact, value))
    return rows


def project_health(project, today=None, control_points=None, indicators=None):
    """The Health of one project. Its control points and indicators are read through the
    related managers unless given (as the passport, which has read them already): for a list,
    use attach_health."""
    if project.status not in EVALUATED_STATUSES:
        return Health(
            None, [str(_("Only approved projects and projects in progress are evaluated."))]
        )
    today = today or timezone.localdate()
    red, amber = [], []
    overdue = 0
    if control_points is None:
        control_points = project.control_points.all()
    if indicators is None:
        indicators = project.indicators.all()
    for point in control_points:
        if point.status_on(today) != ControlPointStatus.OVERDUE:
            continue
        overdue += 1
        days = (today - point.due_on).days
        line = ngettext(
            "Control point «%(title)s» is %(days)s day overdue.",
            "Control point «%(title)s» is %(days)s days overdue.",
            days,
        ) % {"title": inner_quotes(point.title), "days": days}
        (red if days > RED_OVERDUE_DAYS else amber).append(line)
    worst = None
    for indicator in indicators:
        for row in year_attainments(indicator, until_year=today.year):
            names = {"indicator": inner_quotes(indicator.name), "year": row.year}
            if row.attainment is None:
                amber.append(str(_("«%(indicator)s»: no accepted value for %(year)s.") % names))
                continue
            worst = row.attainment if worst is None else min(worst, row.attainment)
            line = _("«%(indicator)s» in %(year)s: %(percent)s %% of the target.") % {
                **names,
                "percent": row.percent,
            }
            if row.attainment < RED_ATTAINMENT:
                red.append(str(line))
            elif row.attainment < FULL_ATTAINMENT:
                amber.append(str(line))
    if red:
        colour = Colour.RED
    elif amber:
        colour = Colour.AMBER
    else:
        colour = Colour.GREEN
    reasons = red + amber or [str(_("No overdue control points; past years' targets are reached."))]
    return Health(colour.value, reasons, overdue, worst)


def attach_health(projects, today=None):
    """Set `.health` on each project of a list and return the list. Prefetch "control_points"
    and "indicators"; the accepted facts of them all are read here in one query, which runs
    whatever the projects hold, so a list costs the same queries with or without indicators."""
    today = today or timezone.localdate()
    projects = list(projects)
    facts = {}
    if projects:
        accepted = IndicatorFact.objects.filter(
            indicator__page__in=[project.pk for project in projects], state=ReportState.ACCEPTED
        )
        for fact in accepted:
            facts.setdefault(fact.indicator_id, []).append(fact)
    for project in projects:
        for indicator in project.indicators.all():
            indicator.accepted_facts = facts.get(indicator.pk, [])
        project.health = project_health(project, today)
    return projects
