"""The open-data section: the catalogue, each set's passport page and its files.

Every view is given the registry of sets by the URL configuration (portal/opendata/urls.py).
Files are made from the current records at each request and only read: the page cache keeps
them and makes them again after any write to a table they read (docs/page-cache.md).

A file name carries dates: of the last change of the records and of the structure. The portal
keeps no old versions, so an old date cannot be served as it was; rather than hand the current
data under an old name (a harvester that stored the address would silently get other data), such
a name answers 404 with the current file's address in the text and a `Link` header.
"""

import datetime

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseNotFound
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.opendata import files, oc4ids, passport
from portal.opendata.files import Edition


def catalogue(request, registry):
    sets = [_described(Edition.current(dataset)) for dataset in registry]
    context = {"sets": sets, "registry_url": reverse("opendata-list"), **_common()}
    return TemplateResponse(request, "opendata/catalogue.html", context)


def dataset_page(request, registry, identifier):
    edition = Edition.current(_dataset(registry, identifier))
    context = {"set": _described(edition), **_common()}
    return TemplateResponse(request, "opendata/dataset.html", context)


def registry_csv(request, registry):
    return _file("list.csv", files.csv_bytes(passport.registry_rows(registry)), "text/csv")


def meta_csv(request, registry, identifier):
    edition = Edition.current(_dataset(registry, identifier))
    return _file("meta.csv", files.csv_bytes(passport.meta_rows(edition)), "text/csv")


def data_file(request, registry, identifier, modified, structure, extension):
    edition = Edition.current(_dataset(registry, identifier))
    current = edition.data_name(extension)
    if (modified, structure) != (edition.modified, edition.dataset.structure_version):
        return _other_version(request, edition, current)
    if extension == "csv":
        return _file(current, files.data_csv(edition.dataset), "text/csv")
    return _file(current, files.data_json(edition.dataset), "application/json")


def structure_file(request, registry, identifier, structure, extension):
    edition = Edition.current(_dataset(registry, identifier))
    current = edition.structure_name(extension)
    if structure != edition.dataset.structure_version:
        return _other_version(request, edition, current)
    if extension == "csv":
        return _file(current, files.structure_csv(edition.dataset), "text/csv")
    return _file(current, files.structure_json_schema(edition), "application/schema+json")


def oc4ids_file(request, registry, identifier, modified):
    dataset = _dataset(registry, identifier)
    if dataset.oc4ids is None:
        raise Http404(_("This set is not published in OC4IDS."))
    edition = Edition.current(dataset)
    current = edition.oc4ids_name()
    if modified != edition.modified:
        return _other_version(request, edition, current)
    projects = dataset.oc4ids()
    if not projects:
        # An OC4IDS package holds at least one project.
        return _not_found(_("The set has no records yet, so there is no OC4IDS package.") + "\n")
    package = oc4ids.package(edition, projects)
    return _file(current, files.json_bytes(package), "application/json")


def _described(edition):
    """What a page shows of a set: its passport and its files."""
    return {
        "edition": edition,
        "dataset": edition.dataset,
        "passport": passport.passport(edition),
        "files": passport.files_of(edition),
    }


def _common():
    return {
        "owner": settings.OPENDATA_OWNER_NAME,
        "responsible": {
            "name": settings.OPENDATA_RESPONSIBLE_NAME,
            "email": settings.OPENDATA_RESPONSIBLE_EMAIL,
            "phone": settings.OPENDATA_RESPONSIBLE_PHONE,
            "tel": passport.phone_digits(settings.OPENDATA_RESPONSIBLE_PHONE),
        },
        "license_name": passport.LICENSE_NAME,
        "license_url": passport.LICENSE_DEED_URL,
    }


def _dataset(registry, identifier):
    dataset = registry.get(identifier)
    if dataset is None:
        raise Http404(_("There is no open data set with this identifier."))
    return dataset


def _file(name, content, content_type):
    response = HttpResponse(content)
    headers = files.file_response_headers(name, f"{content_type}; charset=utf-8")
    for header, value in headers.items():
        response[header] = value
    return response


def _other_version(request, edition, current):
    url = edition.absolute_url(current)
    response = _not_found(files.missing_version_text(request.path.rsplit("/", 1)[-1], url))
    response["Link"] = f'<{url}>; rel="latest-version"'
    return response


def _not_found(text):
    return HttpResponseNotFound(text, content_type="text/plain; charset=utf-8")


class StampConverter:
    """YYYYMMDD in a file name, as a date; a date that does not exist does not match (404)."""

    regex = r"\d{8}"

    def to_python(self, value):
        return datetime.datetime.strptime(value, "%Y%m%d").date()

    def to_url(self, value):
        return files.stamp(value)
