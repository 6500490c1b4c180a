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
