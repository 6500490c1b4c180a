"""OC4IDS (Open Contracting for Infrastructure Data Standard, 0.9) project packages.

An app maps its records to OC4IDS projects (`Dataset.oc4ids`) with the helpers here; the package
around them (who publishes, under which licence, when the contents last changed) is made once.
The published schema the tests validate packages against is in `schema/` (its README says where
it came from).
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from portal.opendata.files import Edition
from portal.opendata.passport import LICENSE_URL
from portal.public_url import absolute

VERSION = "0.9"
CURRENCY = "RUB"
# org-id.guide's scheme for Russian taxpayer numbers.
INN_SCHEME = "RU-INN"
OWNER_PARTY_ID = "owner"


def package(edition: Edition, projects):
    """The project package of a set's records. publishedDate is the last change of its contents,
    as OC4IDS asks of a package made on demand."""
    changed = edition.dataset.last_changed()
    if changed is None:
        changed = datetime.datetime.combine(
            edition.dataset.created, datetime.time.min, tzinfo=timezone.get_current_timezone()
        )
    return {
        "uri": edition.absolute_url(edition.oc4ids_name()),
        "publishedDate": moment(changed),
        "publisher": {
            "name": settings.OPENDATA_OWNER_NAME,
            "scheme": INN_SCHEME,
            "uid": settings.OPENDATA_OWNER_INN,
            "uri": absolute("/"),
        },
        "license": LICENSE_URL,
        "publicationPolicy": absolute(reverse("opendata")),
        "version": VERSION,
        "projects": projects,
    }


def moment(value):
    """An OC4IDS date-time: a date is taken at the start of its local day."""
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(
            value, datetime.time.min, tzinfo=timezone.get_current_timezone()
        )
    return timezone.localtime(value).isoformat(timespec="seconds")


def money(roubles):
    return {"amount": float(roubles), "currency": CURRENCY}


def period(start=None, end=None):
    dates = {"startDate": start, "endDate": end}
    return {key: moment(day) for key, day in dates.items() if day is not None}


def owner_party():
    """The city administration, the public authority behind every project."""
    return {
        "id": OWNER_PARTY_ID,
        "name": settings.OPENDATA_OWNER_NAME,
        "identifier": {
            "scheme": INN_SCHEME,
            "id": settings.OPENDATA_OWNER_INN,
            "legalName": settings.OPENDATA_OWNER_NAME,
        },
        "roles": ["publicAuthority"],
    }


def sochi_address(street_address):
    return {
        "streetAddress": street_address,
        "locality": "Сочи",
        "region": "Краснодарский край",
        "countryName": "Россия",
    }


def web_page(document_id, title, url):
    """A document entry for a page of the portal about the project."""
    return {"id": document_id, "title": title, "url": absolute(url), "format": "text/html"}
