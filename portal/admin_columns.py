"""What staff screens print for a stored value: the label of a choice (districts included), «да» or
«нет», months as «март – октябрь», the name of a related record, «—» for nothing; never «farm»,
«khostinsky», «[2, 10]», «None», «True» or a bitmask.

`value_label(field, value)` is the one rule; the listing column, the listing export, the
active-filter chips and the staff's own pages (producer moderation, CSV) all go through it."""

import datetime
import decimal

import django_filters
from django import forms
from django.db import models
from django.utils import formats, timezone
from django.utils.dates import MONTHS
from django.utils.text import capfirst
from django.utils.translation import gettext
from wagtail.admin.active_filters import (
    ActiveFilter,
    BaseFilterAdapter,
    register_filter_adapter_class,
)
from wagtail.admin.ui.tables import Column

from portal.bitsets import WEEKDAY_CHOICES, MonthSetField, WeekdaySetField
from portal.russian import month_name

EMPTY = "—"


def yes_no(value):
    if value is None:
        return EMPTY
    return gettext("yes") if value else gettext("no")


def _runs(numbers, size):
    """Consecutive runs of `numbers` (1..size) on a circle: [11, 12, 1, 2] is one run."""
    present = set(numbers)
    if len(present) == size:
        return [list(range(1, size + 1))]
    runs = []
    for number in sorted(present):
        previous = number - 1 if number > 1 else size
        if previous in present:
            continue  # inside a run that starts earlier
        run = [number]
        following = number % size + 1
        while following in present and following != number:
            run.append(following)
            following = following % size + 1
        runs.append(run)
    return runs


def _set_label(numbers, names, size):
    """Named members of a set of numbers: three or more in a row as «март – октябрь»."""
    if not numbers:
        return EMPTY
    parts = []
    for run in _runs(numbers, size):
        if len(run) >= 3:
            parts.append(f"{names[run[0]]} – {names[run[-1]]}")
        else:
            parts.extend(names[number] for number in run)
    return ", ".join(parts)


def _numbers(value):
    """Set members from a bitmask (bit 0 is 1) or a list of numbers or numeric strings."""
    if value in (None, ""):
        return []
    if isinstance(value, int):
        return [number for number in range(1, 13) if value & (1 << (number - 1))]
    return sorted({int(number) for number in value})


def months_label(value):
    """«март – октябрь», «январь, июль», «ноябрь – февраль»; «—» for no month."""
    names = {number: month_name(number) for number in MONTHS}
    return _set_label(_numbers(value), names, 12)


def weekdays_label(value):
    """«понедельник – пятница», «суббота, воскресенье»; «—» for no day."""
    names = {int(number): str(name).lower() for number, name in WEEKDAY_CHOICES}
    return _set_label([n for n in _numbers(value) if n <= 7], names, 7)


def _is_set_field(field, kind):
    if kind == "weekdays":
        return isinstance(field, WeekdaySetField)
    return isinstance(field, MonthSetField) and not isinstance(field, WeekdaySetField)


def _related_label(field, value):
    model = field.related_model
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple | set | models.QuerySet):
        objects = (
            value
            if isinstance(value, models.QuerySet)
            else model._base_manager.filter(pk__in=list(value))
        )
        names = [str(item) for item in objects]
        return ", ".join(names) if names else EMPTY
    found = model._base_manager.filter(pk=value).first()
    return str(found) if found is not None else EMPTY


def _date(value, field):
    if isinstance(value, str):
        parsed = field.to_python(value) if field is not None else None
        value = parsed if parsed is not None else value
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "j E Y, H:i")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j E Y")
    return str(value)


def value_label(field, value):
    """What staff read for `value` of model field `field` (the value as stored or as JSON)."""
    if field is None:
        return plain_label(value)
    if value is None or value == "" or (isinstance(value, list | tuple) and not value):
        return EMPTY
    if field.is_relation:
        return _related_label(field, value)
    if field.choices:
        labels = {str(key): label for key, label in field.flatchoices}
        return str(labels.get(str(value), value))
    if _is_set_field(field, "weekdays"):
        return weekdays_label(value)
    if _is_set_field(field, "months"):
        return months_label(value)
    if isinstance(field, models.BooleanField):
        return yes_no(field.to_python(value))
    if isinstance(field, models.DateField | models.DateTimeField):
        return _date(value, field)
    if isinstance(field, models.DecimalField | models.FloatField):
        try:
            return formats.number_format(decimal.Decimal(str(value)), use_l10n=True)
        except decimal.InvalidOperation:
            return str(value)
    if hasattr(value, "as_e164"):  # a phone number
        return value.as_e164
    return str(value)


def plain_label(value):
    """A value with no model field to tell its meaning: only None, booleans and lists."""
    if value is None or value == "" or (isinstance(value, list | tuple) and not value):
        return EMPTY
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, datetime.date):
        return _date(value, None)
    if isinstance(value, list | tuple):
        return ", ".join(plain_label(item) for item in value)
    return str(value)


def model_field(model, path):
    """The model field at a dotted or double-underscore `path` ("pet__species"), or None."""
    parts = path.replace(".", "__").split("__")
    field = None
    for part in parts:
        if model is None:
            return None
        try:
            field = model._meta.get_field(part)
        except Exception:  # noqa: BLE001 - a method or property, not a field
            return None
        model = field.related_model if field.is_relation else None
    return field


def instance_value(instance, path):
    """The stored value at `path`, following relations ("pet.species" or "pet__species")."""
    value = instance
    for part in path.replace(".", "__").split("__"):
        if value is None:
            return None
        value = getattr(value, part)
    return value


class LabelColumn(Column):
    """A listing column that shows `value_label` of a model field.

    `LabelColumn.for_field(Model, "is_live")` takes its heading and sort key from the field."""

    def __init__(self, name, field=None, **kwargs):
        super().__init__(name, **kwargs)
        self.field = field

    @classmethod
    def for_field(cls, model, path, **kwargs):
        field = model_field(model, path)
        if field is not None:
            kwargs.setdefault("label", capfirst(field.verbose_name))
            if not field.is_relation or "__" not in path:
                kwargs.setdefault("sort_key", path if "__" not in path else None)
        return cls(path, field=field, **kwargs)

    def get_value(self, instance):
        value = instance_value(instance, self.accessor)
        if self.field is not None and self.field.many_to_many:
            value = value.all()
        return value_label(self.field, value)


class BooleanFilterAdapter(BaseFilterAdapter):
    """Active-filter chip of a yes/no filter: «да»/«нет» rather than True/False; an unticked
    checkbox (False from a CheckboxInput) is no filter at all."""

    def get_active_filters(self):
        unticked = self.value is False and isinstance(
            self.bound_field.field.widget, forms.CheckboxInput
        )
        if self.value is None or unticked:
            return
        yield ActiveFilter(
            self.bound_field.auto_id,
            self.filter.label,
            yes_no(self.value),
            self.get_url_without_filter_param(self.name),
        )


register_filter_adapter_class(django_filters.BooleanFilter, BooleanFilterAdapter)
