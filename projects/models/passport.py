"""The tables of a project passport: indicators with yearly targets, budget lines, section links."""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from projects.models.choices import FundingSource

TARGET_PAIR = re.compile(r"^\s*(\d{4})\s*:\s*(-?\d+(?:[.,]\d+)?)\s*$")
TARGETS_HELP = _("Year and value pairs separated by semicolons, for example: 2025: 10; 2026: 20")


def parse_targets(text):
    """{year: Decimal} from "2025: 10; 2026: 12,5"; raises ValidationError naming the bad pair."""
    targets = {}
    for pair in filter(str.strip, (text or "").split(";")):
        match = TARGET_PAIR.match(pair)
        if match is None:
            raise ValidationError(
                _("“%(pair)s” is not a “year: value” pair. %(help)s"),
                code="invalid",
                params={"pair": pair.strip(), "help": TARGETS_HELP},
            )
        year = int(match.group(1))
        if year in targets:
            raise ValidationError(
                _("The target for %(year)s is given twice."),
                code="duplicate",
                params={"year": year},
            )
        try:
            targets[year] = Decimal(match.group(2).replace(",", "."))
        except InvalidOperation as error:  # pragma: no cover - the pattern admits only numbers
            raise ValidationError(TARGETS_HELP, code="invalid") from error
    return dict(sorted(targets.items()))


class Indicator(Orderable):
    """A measurable result of the project: where it started, where it is, where it must get."""

    page = ParentalKey("projects.ProjectPage", related_name="indicators", on_delete=models.CASCADE)
    name = models.CharField(_("indicator"), max_length=255)
    unit = models.CharField(_("unit"), max_length=50)
    baseline_value = models.DecimalField(_("baseline value"), max_digits=14, decimal_places=2)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    actual_value = models.DecimalField(
        _("actual value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    targets = models.CharField(
        _("targets by year"),
        max_length=500,
        blank=True,
        validators=[parse_targets],
        help_text=TARGETS_HELP,
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("unit")]),
        FieldRowPanel(
            [
                FieldPanel("baseline_value"),
                FieldPanel("baseline_year"),
                # The latest year's accepted value of the team's reports (projects.progress).
                FieldPanel(
                    "actual_value",
                    read_only=True,
                    help_text=_("Set when the project office accepts the team's report."),
                ),
            ]
        ),
        FieldPanel("targets"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.name

    def target_values(self):
        return parse_targets(self.targets)


class BudgetLine(Orderable):
    page = ParentalKey(
        "projects.ProjectPage", related_name="budget_lines", on_delete=models.CASCADE
    )
    source = models.CharField(_("source"), max_length=20, choices=FundingSource.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount, thousand roubles"), max_digits=14, decimal_places=1)

    panels = [FieldRowPanel([FieldPanel("source"), FieldPanel("year"), FieldPanel("amount")])]

    class Meta(Orderable.Meta):
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")


class SectionLink(Orderable):
    """A portal section through which the project is carried out (the shelter, the contest…)."""

    page = ParentalKey(
        "projects.ProjectPage", related_name="section_links", on_delete=models.CASCADE
    )
    linked_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    label = models.CharField(_("link text"), max_length=255, blank=True)

    panels = [FieldPanel("linked_page"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("portal section")
        verbose_name_plural = _("portal sections")


@dataclass
class BudgetTable:
    """Amounts by source (rows) and year (columns), with totals per year, per source and overall."""

    years: list
    rows: list  # [(source label, [amount or None per year], source total)]
    year_totals: list
    total: Decimal


def budget_table(lines):
    years = sorted({line.year for line in lines})
    cells = {}
    for line in lines:
        key = (line.source, line.year)
        cells[key] = cells.get(key, Decimal(0)) + line.amount
    rows = []
    for source in FundingSource:
        amounts = [cells.get((source.value, year)) for year in years]
        if any(amount is not None for amount in amounts):
            rows.append((source.label, amounts, sum(filter(None, amounts), Decimal(0))))
    year_totals = [
        sum((cells.get((source.value, year), Decimal(0)) for source in FundingSource), Decimal(0))
        for year in years
    ]
    return BudgetTable(years, rows, year_totals, sum(year_totals, Decimal(0)))
