"""Validating OC4IDS project packages against the published schema shipped with the portal
(portal/opendata/schema/oc4ids-0.9/), with every $ref resolved to those files: no network."""

import json
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource

SCHEMA_DIR = Path(__file__).resolve().parents[3] / "portal" / "opendata" / "schema" / "oc4ids-0.9"


def _load(name):
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


def _no_network(uri):
    raise LookupError(f"the OC4IDS schema refers to {uri}, which is not shipped with the portal")


def validator():
    package, project = _load("project-package-schema.json"), _load("project-schema.json")
    registry = Registry(retrieve=_no_network).with_resources(
        [(schema["id"], Resource.from_contents(schema)) for schema in (package, project)]
    )
    formats = FormatChecker()

    @formats.checks("uri")
    def is_absolute_uri(value):
        parts = urlsplit(value)
        return not isinstance(value, str) or bool(parts.scheme and parts.netloc)

    return Draft4Validator(package, registry=registry, format_checker=formats)


def errors(package):
    """The validation errors of a package, as readable lines (empty: valid)."""
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator().iter_errors(package)
    ]
