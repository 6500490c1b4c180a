"""What every API view shares: anonymous, read-only, JSON, open to other sites' scripts (CORS for
GET), limited per client address, answered in Russian when refused, and dated: a list or a
record answers with Last-Modified, the latest change among the records it shows (and, with the
page cache on, among the tables it read: portal.page_cache.read_tables_changed_at), so that
Django's ConditionalGetMiddleware answers 304 to If-Modified-Since (and to If-None-Match, which
it checks first, with the ETag it gives every answer)."""

from django.utils.http import http_date
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from portal import page_cache
from portal.api.throttling import AddressThrottle, TooManyRequests
from portal.public_url import absolute
from portal.search.catalog import PAGE_PARAM

# Any site's script may read the API; no cookies are read or sent, so nothing of a visitor's leaks.
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Max-Age": "86400",
}


class PublicAPIMixin:
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [AddressThrottle]
    renderer_classes = [JSONRenderer]
    http_method_names = ["get", "head", "options"]

    def throttled(self, request, wait):
        raise TooManyRequests()

    def note_modified(self, records, modified_at=None):
        """Date the answer by the records it shows: modified_at(records) -> an aware datetime or
        None, by default the latest of their `updated_at` or, for pages, `last_published_at`."""
        modified_at = modified_at or default_modified_at(records)
        self.last_modified = modified_at(records) if modified_at else None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        for header, value in CORS_HEADERS.items():
            response[header] = value
        moment = getattr(self, "last_modified", None)
        if moment is not None and response.status_code == 200:
            # With the page cache on, the tables read date the answer too: a record that left
            # the list (unpublished, deleted) wrote to them without leaving a newer record.
            moment = max(filter(None, (moment, page_cache.read_tables_changed_at())))
            response["Last-Modified"] = http_date(moment.timestamp())
        return response


def latest(*attributes):
    """modified_at(records) for PublicAPIMixin: the latest value of these attributes (dotted
    paths; None skipped) over the records, None when there is none."""

    def read(record, path):
        for name in path.split("."):
            record = getattr(record, name, None) if record is not None else None
        return record

    def modified_at(records):
        moments = [read(record, path) for record in records for path in attributes]
        return max((moment for moment in moments if moment is not None), default=None)

    return modified_at


# The fields that date a record, in the order they are looked for.
MODIFIED_FIELDS = ("updated_at", "last_published_at")


def default_modified_at(records):
    """latest(<the record type's dating field>) for the records, None without one."""
    if not records:
        return None
    fields = {field.name for field in type(records[0])._meta.get_fields()}
    for name in MODIFIED_FIELDS:
        if name in fields:
            return latest(name)
    return None


def page_link(request, number):
    query = request.GET.copy()
    if number == 1:
        query.pop(PAGE_PARAM, None)
    else:
        query[PAGE_PARAM] = str(number)
    encoded = query.urlencode()
    return absolute(request.path + (f"?{encoded}" if encoded else ""))


def page_links(request, page):
    """(previous, next) page addresses of a Django Page, None where there is none."""
    previous_url = page_link(request, page.previous_page_number()) if page.has_previous() else None
    next_url = page_link(request, page.next_page_number()) if page.has_next() else None
    return previous_url, next_url
