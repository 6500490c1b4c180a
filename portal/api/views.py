"""What every API view shares: anonymous, read-only, JSON, open to other sites' scripts (CORS for
GET), limited per client address, answered in Russian when refused."""

from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

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

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        for header, value in CORS_HEADERS.items():
            response[header] = value
        return response


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
