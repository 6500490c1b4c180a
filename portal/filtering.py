"""One rule for every filtered public list: invalid GET filters give an empty list and HTTP 400,
and the template shows the filterset's Russian error messages.

Years and months in the filters are read by portal.params, like every other parameter, so a
filter value outside the portal's range is a form error, never an overflow further down."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError

from portal.params import YEAR_MAX, YEAR_MIN, BadParameterError, parse_month, parse_year


def filter_or_400(filterset):
    """(filtered queryset, status) for a django-filter FilterSet bound to request.GET."""
    if filterset.is_valid():
        return filterset.qs, 200
    return filterset.queryset.none(), 400


class ParamField(forms.Field):
    """A form field whose value is read by one of portal.params' parsers."""

    parse = None

    def to_python(self, value):
        try:
            return self.parse(value)
        except BadParameterError as error:
            raise ValidationError(error.message, code="invalid") from None


class YearField(ParamField):
    parse = staticmethod(parse_year)
    widget = forms.NumberInput(attrs={"min": YEAR_MIN, "max": YEAR_MAX})


class MonthField(ParamField):
    """A month as YYYY-MM; its value is the month's first day."""

    parse = staticmethod(parse_month)


class YearFilter(django_filters.Filter):
    """?year=2026 within the portal's years (portal.params.YEAR_MIN..YEAR_MAX)."""

    field_class = YearField


class MonthFilter(django_filters.Filter):
    """?month=2026-11 within the portal's years; filters get the month's first day."""

    field_class = MonthField
