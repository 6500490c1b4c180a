"""One rule for every filtered public list: invalid GET filters give an empty list and HTTP 400,
and the template shows the filterset's Russian error messages.

Years and months in the filters are read by portal.params, like every other parameter, so a
filter value outside the portal's range is a form error, never an overflow further down."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django_filters.conf import settings as filter_settings

from portal.params import YEAR_MAX, YEAR_MIN, BadParameterError, parse_month, parse_year


def choice_error(message):
    """A choice filter's error_messages: its Russian reason for a value not in the list."""
    return {"invalid_choice": message}


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


# ?year= and ?month= as the API's schema describes them: within YEAR_MIN..YEAR_MAX (1990..2100),
# or blank, as a form sends a filter left unset.
YEAR_PATTERN = r"(199[0-9]|20[0-9]{2}|2100)"
MONTH_PATTERN = rf"^({YEAR_PATTERN}-(0[1-9]|1[0-2]))?$"


class YearFilter(django_filters.Filter):
    """?year=2026 within the portal's years (portal.params.YEAR_MIN..YEAR_MAX)."""

    field_class = YearField
    # What the API's schema says it accepts (portal.api.lists.filter_parameters).
    openapi_schema = {"type": "string", "pattern": rf"^{YEAR_PATTERN}?$"}


class MonthFilter(django_filters.Filter):
    """?month=2026-11 within the portal's years; filters get the month's first day."""

    field_class = MonthField
    openapi_schema = {"type": "string", "pattern": MONTH_PATTERN}


def offer_choices(filterset, name, values):
    """Draw a typed filter (a year) as a list of the values that have results, «Все» first.

    The filter still reads what was sent with its own field and checks it; a value sent that is
    not in the list is offered too, so the list never shows a choice other than the one applied."""
    choices = [str(value) for value in values]
    sent = filterset.form[name].data
    if sent and sent not in choices:
        choices.append(sent)
    filterset.form.fields[name].widget = forms.Select(
        choices=[("", filter_settings.EMPTY_CHOICE_LABEL)]
        + [(choice, choice) for choice in choices]
    )
