"""The files of a set: their dated names, the data in CSV and JSON, the structure in CSV and as a
JSON Schema.

Technical requirements of the recommendations (version 3.0): UTF-8 (no byte-order mark), fields
separated by commas, a header row, RFC 4180 (CRLF between rows, quotes where needed). The data
file is named `data-<date of last change>-structure-<date of structure>.csv`, the structure
`structure-<date>.csv`, dates as YYYYMMDD. Text cells that a spreadsheet would run as a formula
are neutralised as in every CSV the portal writes (portal.csv); the JSON file carries the values
exactly.
"""

import datetime
import io
import json
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.csv import SafeWriter
from portal.opendata.declaration import Dataset, FieldType
from portal.public_url import absolute

STRUCTURE_HEADER = ["field name", "english description", "russian description", "format"]
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
JSON_TYPES = {
    FieldType.STRING: ("string", None),
    FieldType.INTEGER: ("integer", None),
    FieldType.FLOAT: ("number", None),
    FieldType.BOOLEAN: ("boolean", None),
    FieldType.DATE: ("string", "date"),
    FieldType.DATETIME: ("string", "date-time"),
    FieldType.URL: ("string", "uri"),
}


def stamp(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


@dataclass(frozen=True)
class Edition:
    """A set as its data stands now: the date of its last change and the names of its files."""

    dataset: Dataset
    modified: datetime.date

    @classmethod
    def current(cls, dataset):
        """Dated by the last change of the records behind the set; a set without records yet by
        the date it was first published."""
        changed = dataset.last_changed()
        return cls(dataset, timezone.localdate(changed) if changed else dataset.created)

    def data_name(self, extension):
        structure = stamp(self.dataset.structure_version)
        return f"data-{stamp(self.modified)}-structure-{structure}.{extension}"

    def structure_name(self, extension):
        return f"structure-{stamp(self.dataset.structure_version)}.{extension}"

    def oc4ids_name(self):
        return f"oc4ids-{stamp(self.modified)}.json"

    def url(self, name=""):
        """The site path of one of the set's files ("" for its passport page)."""
        return reverse("opendata-dataset", args=[self.dataset.identifier]) + name

    def absolute_url(self, name=""):
        return absolute(self.url(name))


def _rows(dataset):
    """The set's rows, each checked to hold exactly the declared fields: a column that is not
    declared (a private field) can never slip into a file."""
    declared = set(dataset.field_names)
    for row in dataset.rows():
        if set(row) != declared:
            extra, missing = sorted(set(row) - declared), sorted(declared - set(row))
            raise ValueError(f"open data set {dataset.code}: extra {extra}, missing {missing}")
        yield row


def csv_value(field_type, value):
    """A cell: numbers stay numbers (never neutralised), booleans true/false, dates ISO 8601."""
    if value is None:
        return ""
    if field_type == FieldType.BOOLEAN:
        return "true" if value else "false"
    if field_type in (FieldType.DATE, FieldType.DATETIME):
        return _iso(field_type, value)
    if field_type == FieldType.INTEGER:
        return int(value)
    if field_type == FieldType.FLOAT:
        return value if isinstance(value, Decimal | float | int) else Decimal(value)
    return str(value)


def json_value(field_type, value):
    if value is None:
        return None
    if field_type == FieldType.BOOLEAN:
        return bool(value)
    if field_type in (FieldType.DATE, FieldType.DATETIME):
        return _iso(field_type, value)
    if field_type == FieldType.INTEGER:
        return int(value)
    if field_type == FieldType.FLOAT:
        number = Decimal(value)
        return int(number) if number == number.to_integral_value() else float(number)
    return str(value)


def _iso(field_type, value):
    if field_type == FieldType.DATETIME:
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def csv_bytes(rows):
    """UTF-8 CSV of `rows` (the first is the header), comma-separated, CRLF."""
    buffer = io.StringIO()
    SafeWriter(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def json_bytes(data):
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def data_csv(dataset):
    fields = dataset.fields
    with translation.override(settings.LANGUAGE_CODE):
        rows = [
            [csv_value(field.type, row[field.name]) for field in fields] for row in _rows(dataset)
        ]
    return csv_bytes([dataset.field_names, *rows])


def data_json(dataset):
    """A JSON array with one object per record, keyed by the same names as the CSV header."""
    fields = dataset.fields
    with translation.override(settings.LANGUAGE_CODE):
        data = [
            {field.name: json_value(field.type, row[field.name]) for field in fields}
            for row in _rows(dataset)
        ]
    return json_bytes(data)


def structure_csv(dataset):
    rows = [STRUCTURE_HEADER]
    for field in dataset.fields:
        with translation.override("en"):
            english = str(field.description)
        with translation.override("ru"):
            russian = str(field.description)
        rows.append([field.name, english, russian, str(field.type)])
    return csv_bytes(rows)


def structure_json_schema(edition):
    """The JSON Schema of the JSON data file: an array of objects with every declared field."""
    dataset = edition.dataset
    with translation.override(settings.LANGUAGE_CODE):
        properties = {}
        for field in dataset.fields:
            json_type, json_format = JSON_TYPES[FieldType(field.type)]
            properties[field.name] = {
                "description": str(field.description),
                "type": [json_type, "null"],
                **({"format": json_format} if json_format else {}),
            }
        schema = {
            "$schema": JSON_SCHEMA_DIALECT,
            "$id": edition.absolute_url(edition.structure_name("json")),
            "title": str(dataset.title),
            "description": str(dataset.description),
            "type": "array",
            "items": {
                "type": "object",
                "required": dataset.field_names,
                "additionalProperties": False,
                "properties": properties,
            },
        }
    return json_bytes(schema)


def file_response_headers(name, content_type):
    return {
        "Content-Type": content_type,
        "Content-Disposition": f'inline; filename="{name}"',
        # Any site's script may read the sets, as it may read the API.
        "Access-Control-Allow-Origin": "*",
    }


def missing_version_text(requested, current_url):
    return (
        _(
            "There is no file %(name)s: the set's files are made from the current records, and "
            "their names carry the date of the last change. The current file: %(url)s"
        )
        % {"name": requested, "url": current_url}
        + "\n"
    )
