"""What an app says about an open-data set it publishes: `Dataset` with its `Field`s.

An app declares its sets in `<app>/opendata.py` (a `DATASETS` tuple); `portal/opendata/urls.py`
names them. Everything else (file names, CSV, JSON, the structure files, the passport and the
registry) is made here from the declaration, so every set follows the recommendations the same
way.
"""

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.urls import reverse_lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class FieldType(models.TextChoices):
    """A column's format, as the structure file names it; dates are ISO 8601."""

    STRING = "string", _("text")
    INTEGER = "integer", _("integer")
    FLOAT = "float", _("number")
    BOOLEAN = "boolean", _("true or false")
    DATE = "date", _("date (YYYY-MM-DD)")
    DATETIME = "datetime", _("date and time (ISO 8601, with the offset from UTC)")
    URL = "url", _("web address")


class Frequency(models.TextChoices):
    """How often a set is updated (the passport's «периодичность актуализации»)."""

    ON_CHANGE = "on-change", _("as the data changes (files are made from the current records)")
    DAILY = "daily", _("daily")
    MONTHLY = "monthly", _("monthly")
    YEARLY = "yearly", _("yearly")


@dataclass(frozen=True)
class Field:
    """One column: its name in the files, and what it holds (an English msgid; the structure
    file gives it in English and in Russian)."""

    name: str
    description: str
    type: str = FieldType.STRING

    def __post_init__(self):
        if self.type not in FieldType.values:
            raise ValueError(f"open data field {self.name}: unknown type {self.type!r}")

    @property
    def type_label(self):
        return FieldType(self.type).label


@dataclass(frozen=True)
class ExtraFormat:
    """Another file of the same records served elsewhere on the site (a GeoJSON map layer): the
    passport links it beside the set's own files."""

    title: str
    format: str
    path: str

    @classmethod
    def map_layer(cls, url_name):
        """The set's places as GeoJSON, at the named address of the API (portal/api/urls.py)."""
        return cls(_("Places for a map"), "GeoJSON", reverse_lazy(url_name))


@dataclass(frozen=True)
class Dataset:
    """An open-data set: its passport, its columns, and where its rows come from.

    `rows()` yields one dict per record, keyed by the fields' names, from public records only
    (what the site shows anonymous visitors). `last_changed()` is the latest moment a record
    behind the set was written (None without records): the set's date of last change, which
    names its files. `oc4ids()`, when given, returns the set's records as OC4IDS projects.
    """

    code: str
    title: str
    description: str
    keywords: str
    fields: tuple[Field, ...]
    rows: Callable[[], Iterable[dict]]
    last_changed: Callable[[], datetime.datetime | None]
    # The date the set was first published, and the date of its current structure (columns).
    created: datetime.date
    structure_version: datetime.date
    frequency: str = Frequency.ON_CHANGE
    oc4ids: Callable[[], list[dict]] | None = None
    extra_formats: tuple[ExtraFormat, ...] = ()

    def __post_init__(self):
        if not CODE.match(self.code):
            raise ValueError(f"open data set code {self.code!r}: lowercase latin, digits, '-'")
        names = [field.name for field in self.fields]
        if len(set(names)) != len(names):
            raise ValueError(f"open data set {self.code}: a field is named twice")

    @property
    def identifier(self):
        """«<ИНН владельца>-<код>», as the recommendations form it."""
        return f"{settings.OPENDATA_OWNER_INN}-{self.code}"

    @property
    def field_names(self):
        return [field.name for field in self.fields]

    @property
    def frequency_label(self):
        return Frequency(self.frequency).label


def latest(*moments):
    """The latest of the moments given, None among them ignored (a `last_changed` helper)."""
    known = [moment for moment in moments if moment is not None]
    return max(known, default=None)


def record_addresses(model):
    """A function giving a record's public address (portal.section_pages.RecordPage), with its
    section's index page read once for all the rows; None while the section has no live page."""
    from portal.public_url import absolute
    from portal.section_pages import live_index_page

    index_page = live_index_page(model.index_page_model())

    def address(record):
        if index_page is None:
            return None
        return absolute(record.get_absolute_url(index_page))

    return address


def model_fields(model, names, types=None):
    """Fields for a model's public field names (a model's PUBLIC_FIELDS), described by their
    verbose names; `types` overrides the type read from the model field."""
    types = types or {}
    return tuple(
        Field(
            name,
            capfirst(model._meta.get_field(name).verbose_name),
            types.get(name) or _type_of(name, model),
        )
        for name in names
    )


def _type_of(name, model):
    field = model._meta.get_field(name)
    if field.is_relation or field.choices:
        return FieldType.STRING
    if isinstance(field, models.URLField):
        return FieldType.URL
    if isinstance(field, models.BooleanField):
        return FieldType.BOOLEAN
    if isinstance(field, models.DateTimeField):
        return FieldType.DATETIME
    if isinstance(field, models.DateField):
        return FieldType.DATE
    if isinstance(field, models.DecimalField | models.FloatField):
        return FieldType.FLOAT
    if isinstance(field, models.IntegerField):
        return FieldType.INTEGER
    return FieldType.STRING


def public_value(record, name):
    """A model field's value as a set shows it: a choice by its label, a related record by its
    name, several (many-to-many, prefetched) joined by «; », a phone as digits (74951234567)."""
    field = record._meta.get_field(name)
    if field.many_to_many:
        return "; ".join(str(related) for related in getattr(record, name).all())
    if field.choices:
        return getattr(record, f"get_{name}_display")()
    value = getattr(record, name)
    if field.is_relation:
        return str(value) if value is not None else None
    if hasattr(value, "as_e164"):
        return value.as_e164.lstrip("+")
    return value
