from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def indicator_value(value):
    """An indicator's number as Russians write it: "1 000", "7,5", "12,25"; a dash when unset.

    floatformat would pad 7.5 to "7,50" or round 12.25; an indicator keeps its own precision.
    """
    if value is None or value == "":
        return "—"
    value = Decimal(value)
    places = max(0, -value.normalize().as_tuple().exponent)
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


@register.inclusion_tag("projects/includes/health_rule.html")
def health_rule():
    """The «Как считается статус» note, with the thresholds of projects.status."""
    from projects import status

    return {
        "red_days": status.RED_OVERDUE_DAYS,
        "red_percent": status.RED_ATTAINMENT,
        "full_percent": status.FULL_ATTAINMENT,
    }
