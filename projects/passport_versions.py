"""A passport's plan as data, and what changed in it between two versions.

The plan is what the project committee approves: the title and status, the dates, the control
points' planned dates, the indicators' baselines and targets, the budget. Goals and results text,
forecasts and actual dates or values are not plan: the text is edited freely, the facts come from
the teams' reports. A plan is JSON (it is kept in PassportVersion.plan), with strings for dates
("2026-06-01") and numbers ("12.5"), and string keys: control points and indicators by pk
("new-1" for a row not saved yet), budget by source and year.

`changes(old, new)` reads two plans as residents read the «История паспорта»: one Russian line
per changed field, as the facilities' replanning history does.
"""

import datetime
from decimal import Decimal

from django.utils import dateformat, formats
from django.utils.translation import gettext as _

from projects.models import FundingSource, ProjectStatus, parse_targets

# Statuses a team may move between without the committee: the passport is approved either way.
_SAME_FOR_THE_GUARD = {ProjectStatus.IN_PROGRESS.value: ProjectStatus.APPROVED.value}


def plan_of(page, control_points=None, indicators=None, budget_lines=None):
    """The plan of a passport page (live, a revision's object, or the form's unsaved state).

    The rows default to the page's own (the database's, or the revision's in-memory ones); the
    admin form passes the rows its inline formsets would save.
    """
    if control_points is None:
        control_points = page.control_points.all()
    if indicators is None:
        indicators = page.indicators.all()
    if budget_lines is None:
        budget_lines = page.budget_lines.all()
    budget = {}
    for line in budget_lines:
        years = budget.setdefault(line.source, {})
        year = str(line.year)
        years[year] = _number(Decimal(years.get(year, 0)) + Decimal(line.amount))
    return {
        "title": page.title,
        "status": page.status,
        "start_on": _iso(page.start_on),
        "end_on": _iso(page.end_on),
        "control_points": {
            _key(point, number): {"title": point.title, "planned_on": _iso(point.planned_on)}
            for number, point in enumerate(control_points, start=1)
        },
        "indicators": {
            _key(indicator, number): {
                "name": indicator.name,
                "unit": indicator.unit,
                "baseline_value": _number(indicator.baseline_value),
                "baseline_year": indicator.baseline_year,
                "targets": {
                    str(year): _number(value)
                    for year, value in parse_targets(indicator.targets).items()
                },
            }
            for number, indicator in enumerate(indicators, start=1)
        },
        "budget": budget,
    }


def guarded_part(plan):
    """What only a committee decision may change: all the plan but the title and the move of an
    approved project into work."""
    guarded = {key: value for key, value in plan.items() if key != "title"}
    guarded["status"] = _SAME_FOR_THE_GUARD.get(plan["status"], plan["status"])
    return guarded


def changes(old, new):
    """The Russian lines saying how `new` differs from `old`, field by field."""
    lines = []
    if old["title"] != new["title"]:
        lines.append(_("Title: «%(old)s» → «%(new)s»") % {"old": old["title"], "new": new["title"]})
    if old["status"] != new["status"]:
        lines.append(
            _("Status: %(old)s → %(new)s")
            % {"old": _status(old["status"]), "new": _status(new["status"])}
        )
    for field, label in (("start_on", _("Start date")), ("end_on", _("End date"))):
        if old[field] != new[field]:
            lines.append(
                _("%(field)s: %(old)s → %(new)s")
                % {"field": label, "old": _date(old[field]), "new": _date(new[field])}
            )
    lines += _control_point_changes(old["control_points"], new["control_points"])
    lines += _indicator_changes(old["indicators"], new["indicators"])
    lines += _budget_changes(old["budget"], new["budget"])
    return lines


def _control_point_changes(old, new):
    lines = []
    for key in _ordered_keys(old, new, lambda point: (point["planned_on"], point["title"])):
        before, after = old.get(key), new.get(key)
        if before is None:
            lines.append(
                _("Control point «%(title)s» added (%(date)s)")
                % {"title": after["title"], "date": _date(after["planned_on"])}
            )
        elif after is None:
            lines.append(
                _("Control point «%(title)s» removed (%(date)s)")
                % {"title": before["title"], "date": _date(before["planned_on"])}
            )
        else:
            if before["title"] != after["title"]:
                lines.append(
                    _("Control point «%(old)s» renamed «%(new)s»")
                    % {"old": before["title"], "new": after["title"]}
                )
            if before["planned_on"] != after["planned_on"]:
                lines.append(
                    _("Control point «%(title)s»: planned date %(old)s → %(new)s")
                    % {
                        "title": after["title"],
                        "old": _date(before["planned_on"]),
                        "new": _date(after["planned_on"]),
                    }
                )
    return lines


def _indicator_changes(old, new):
    lines = []
    for key in _ordered_keys(old, new, lambda indicator: (indicator["name"],)):
        before, after = old.get(key), new.get(key)
        if before is None:
            lines.append(
                _("Indicator «%(name)s» added (%(unit)s)")
                % {"name": after["name"], "unit": after["unit"]}
            )
            continue
        if after is None:
            lines.append(_("Indicator «%(name)s» removed") % {"name": before["name"]})
            continue
        name = after["name"]
        if before["name"] != name:
            lines.append(
                _("Indicator «%(old)s» renamed «%(new)s»") % {"old": before["name"], "new": name}
            )
        if before["unit"] != after["unit"]:
            lines.append(
                _("Indicator «%(name)s»: unit %(old)s → %(new)s")
                % {"name": name, "old": before["unit"], "new": after["unit"]}
            )
        if (before["baseline_value"], before["baseline_year"]) != (
            after["baseline_value"],
            after["baseline_year"],
        ):
            lines.append(
                _("Indicator «%(name)s»: baseline %(old)s → %(new)s")
                % {"name": name, "old": _baseline(before), "new": _baseline(after)}
            )
        targets_before, targets_after = before["targets"], after["targets"]
        for year in sorted(set(targets_before) | set(targets_after)):
            was, now = targets_before.get(year), targets_after.get(year)
            if was != now:
                lines.append(
                    _("Indicator «%(name)s»: target for %(year)s %(old)s → %(new)s")
                    % {"name": name, "year": year, "old": _value(was), "new": _value(now)}
                )
    return lines


def _budget_changes(old, new):
    lines = []
    for source in FundingSource:
        before, after = old.get(source.value, {}), new.get(source.value, {})
        label = str(source.label)
        label = label[:1].lower() + label[1:]
        for year in sorted(set(before) | set(after)):
            was, now = before.get(year), after.get(year)
            if was != now:
                lines.append(
                    _("Budget, %(source)s, %(year)s: %(old)s → %(new)s thousand roubles")
                    % {
                        "source": label,
                        "year": year,
                        "old": _amount(was),
                        "new": _amount(now),
                    }
                )
    return lines


def _ordered_keys(old, new, order):
    """Kept rows and removed ones in the old order, then added ones in their order."""
    return sorted(old, key=lambda key: order(old[key])) + sorted(
        (key for key in new if key not in old), key=lambda key: order(new[key])
    )


def _key(row, number):
    return str(row.pk) if row.pk is not None else f"new-{number}"


def _iso(value):
    return value.isoformat() if value is not None else None


def _number(value):
    """A Decimal as the shortest plain string: 10.00 → "10", 12.50 → "12.5"."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def _date(iso):
    if iso is None:
        return _("not set")
    return dateformat.format(datetime.date.fromisoformat(iso), "j E Y")


def _value(number):
    if number is None:
        return "—"
    return formats.number_format(Decimal(number), use_l10n=True, force_grouping=True)


def _amount(number):
    if number is None:
        return "—"
    return formats.number_format(Decimal(number), 1, use_l10n=True, force_grouping=True)


def _baseline(indicator):
    return _("%(value)s (%(year)s)") % {
        "value": _value(indicator["baseline_value"]),
        "year": indicator["baseline_year"],
    }


def _status(value):
    try:
        return str(ProjectStatus(value).label)
    except ValueError:
        return value
