"""A set's passport (meta.csv and the passport page) and the registry of sets (list.csv).

The properties, their order and formats follow the methodological recommendations on publishing
open data by state and municipal bodies, version 3.0 (the passport table and the requirements for
meta.csv and list.csv): dates as YYYYMMDD, phone as digits only, one data and one structure row
named after the current files. `license` is added after them: the recommendations require the
terms of use on the set's page, and the row puts them in the machine-readable passport too.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.opendata.files import Edition, stamp
from portal.public_url import absolute

STANDARD_VERSION = "http://opendata.gosmonitor.ru/standard/3.0"
REGISTRY_HEADER = ["property", "title", "value", "format"]
META_HEADER = ["property", "value"]
DATA_FORMAT = "csv"
# Creative Commons Attribution 4.0: free of charge, for any purpose including commercial, no
# contract, only the source named: exactly the terms the recommendations ask of open data; an
# Open Definition conformant licence (as OC4IDS asks), with an official Russian text.
LICENSE_NAME = "Creative Commons «Атрибуция» 4.0 Международная (CC BY 4.0)"
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENSE_DEED_URL = "https://creativecommons.org/licenses/by/4.0/deed.ru"
# The passport's properties in the order of the recommendations; the data and structure rows are
# named after the current files (see `passport`).
PROPERTIES = (
    "standardversion",
    "identifier",
    "title",
    "description",
    "creator",
    "publishername",
    "publisherphone",
    "publishermbox",
    "data",
    "format",
    "structure",
    "created",
    "modified",
    "provenance",
    "valid",
    "subject",
    "license",
)


@dataclass(frozen=True)
class Property:
    name: str  # as meta.csv names it
    title: str  # as the passport page labels it
    value: str
    link: bool = False


def phone_digits(phone):
    """«+7 862 264-00-00» → «78622640000», as the recommendations write a phone."""
    return re.sub(r"\D", "", phone)


def passport(edition: Edition):
    """[Property] of the set in the recommendations' order."""
    dataset = edition.dataset
    values = {
        "standardversion": (_("Version of the methodological recommendations"), STANDARD_VERSION),
        "identifier": (_("Identifier"), dataset.identifier),
        "title": (_("Title"), str(dataset.title)),
        "description": (_("Description"), str(dataset.description)),
        "creator": (_("Owner of the set"), settings.OPENDATA_OWNER_NAME),
        "publishername": (_("Responsible person"), settings.OPENDATA_RESPONSIBLE_NAME),
        "publisherphone": (
            _("Phone of the responsible person"),
            phone_digits(settings.OPENDATA_RESPONSIBLE_PHONE),
        ),
        "publishermbox": (
            _("E-mail of the responsible person"),
            settings.OPENDATA_RESPONSIBLE_EMAIL,
        ),
        "data": (_("Data (current version)"), edition.absolute_url(edition.data_name("csv"))),
        "format": (_("Format"), DATA_FORMAT),
        "structure": (
            _("Structure of the set"),
            edition.absolute_url(edition.structure_name("csv")),
        ),
        "created": (_("Date of first publication"), stamp(dataset.created)),
        "modified": (_("Date of the last change"), stamp(edition.modified)),
        "provenance": (_("What the last change was"), str(_("The records were updated."))),
        # Made from the current records at each request: true as of today.
        "valid": (_("Data current as of"), stamp(timezone.localdate())),
        "subject": (_("Keywords"), str(dataset.keywords)),
        "license": (_("Licence"), LICENSE_URL),
    }
    names = {
        "data": edition.data_name("csv").removesuffix(".csv"),
        "structure": edition.structure_name("csv").removesuffix(".csv"),
    }
    return [
        Property(
            name=names.get(key, key),
            title=str(values[key][0]),
            value=values[key][1],
            link=values[key][1].startswith("http"),
        )
        for key in PROPERTIES
    ]


def meta_rows(edition):
    return [META_HEADER, *([prop.name, prop.value] for prop in passport(edition))]


def registry_rows(datasets):
    """list.csv: the version of the recommendations, then one row per set with its passport."""
    rows = [
        REGISTRY_HEADER,
        [
            "standardversion",
            str(_("Version of the methodological recommendations")),
            STANDARD_VERSION,
            "",
        ],
    ]
    for dataset in datasets:
        meta = absolute(reverse("opendata-meta", args=[dataset.identifier]))
        rows.append([dataset.identifier, str(dataset.title), meta, DATA_FORMAT])
    return rows


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    format: str


def files_of(edition):
    """Every file of the set, for the catalogue and the passport page."""
    links = [
        Link(_("Data"), edition.url(edition.data_name("csv")), "CSV"),
        Link(_("Data"), edition.url(edition.data_name("json")), "JSON"),
        Link(_("Structure"), edition.url(edition.structure_name("csv")), "CSV"),
        Link(
            _("Structure of the JSON data"),
            edition.url(edition.structure_name("json")),
            "JSON Schema",
        ),
        Link(_("Passport"), edition.url("meta.csv"), "CSV"),
    ]
    if edition.dataset.oc4ids is not None:
        links.append(Link(_("Projects in OC4IDS 0.9"), edition.url(edition.oc4ids_name()), "JSON"))
    links.extend(
        Link(extra.title, extra.path, extra.format) for extra in edition.dataset.extra_formats
    )
    return links
