"""Months of the year (or days of the week) as a set, stored as a 12-bit number so that "in season
in month m" is one bitwise test that SQLite and PostgreSQL both run in SQL."""

from django import forms
from django.db import models
from django.db.models import F
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

ALL_MONTHS = (1 << 12) - 1
MONTH_CHOICES = [(str(number), name) for number, name in MONTHS.items()]


def bit(month):
    return 1 << (month - 1)


def months_of(mask):
    """The month numbers (1-12) in a mask."""
    return [month for month in range(1, 13) if (mask or 0) & bit(month)]


def mask_of(months):
    mask = 0
    for month in months:
        mask |= bit(int(month))
    return mask


def in_month(queryset, month, field="months"):
    """Rows of `queryset` whose `field` includes `month`."""
    return queryset.alias(_season_bit=F(field).bitand(bit(month))).filter(_season_bit__gt=0)


WEEKDAY_CHOICES = [
    ("1", _("Monday")),
    ("2", _("Tuesday")),
    ("3", _("Wednesday")),
    ("4", _("Thursday")),
    ("5", _("Friday")),
    ("6", _("Saturday")),
    ("7", _("Sunday")),
]


class BitSetFormField(forms.TypedMultipleChoiceField):
    """Checkboxes for a set stored as bits: option n (1-based) is bit n-1."""

    widget = forms.CheckboxSelectMultiple
    set_choices = MONTH_CHOICES

    def __init__(self, **kwargs):
        for key in ("max_value", "min_value", "step_size"):
            kwargs.pop(key, None)
        kwargs["choices"] = self.set_choices
        kwargs["coerce"] = int
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return [str(month) for month in months_of(value)]
        return value

    def clean(self, value):
        return mask_of(super().clean(value))

    def has_changed(self, initial, data):
        return mask_of(self.prepare_value(initial) or []) != mask_of(data or [])


class WeekdaysFormField(BitSetFormField):
    set_choices = WEEKDAY_CHOICES


class MonthSetField(models.PositiveSmallIntegerField):
    """A set of months (bit 0 is January); forms show twelve checkboxes."""

    form_class = BitSetFormField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", 0)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": self.form_class, "choices_form_class": None, **kwargs}
        )

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        return name, "django.db.models.PositiveSmallIntegerField", args, kwargs


class WeekdaySetField(MonthSetField):
    """A set of weekdays (bit 0 is Monday); forms show seven checkboxes."""

    form_class = WeekdaysFormField
