import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.static import serve
from wagtail.models import Page, Site

from portal import ratelimit
from portal.pages import without_unpublished_branches
from portal.params import BadParameterError
from portal.search.es.connection import CLUSTER_ERRORS
from portal.search.site import parse_section, site_search
from portal.search.text import validate_search_text

logger = logging.getLogger(__name__)


def search(request):
    """Site search over every live public page and the public records, grouped by section;
    empty and bad queries get a polite answer."""
    query = request.GET.get("q", "").strip()
    section, error, status = None, None, 200
    results, fell_back = None, False
    try:
        section = parse_section(request.GET.get("section"))
        if query:
            _check_query(request, query)
    except BadParameterError as refused:
        error, status = refused.message, refused.status
    else:
        if query:
            pages = _public_pages(request)
            try:
                results = _search(request, pages, query, "default", section)
            except CLUSTER_ERRORS:
                # Elasticsearch is down: answer from the database, which is always up to date.
                logger.exception("Site search: Elasticsearch failed, answering from the database")
                results = _search(request, pages, query, "database", section)
                fell_back = True
    context = {
        "query": query,
        "section": section,
        "error": error,
        "results": results,
        "fell_back": fell_back,
    }
    return TemplateResponse(request, "portal/search.html", context, status=status)


def _check_query(request, query):
    """BadParameterError unless the query may be searched now."""
    if not ratelimit.allow("site_search", ratelimit.client_ip(request)):
        # A search costs the database (or the cluster) far more than a page: many per client
        # address are a scraper or a flood, never a person typing.
        raise BadParameterError(
            _("Too many searches from your address: please wait a minute and try again."), 429
        )
    try:
        validate_search_text(query)
    except ValidationError as refused:
        raise BadParameterError(refused.message) from None


def _public_pages(request):
    site = Site.find_for_request(request)
    pages = Page.objects.live().public()
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    return without_unpublished_branches(pages)


def media(request, path):
    """Uploaded files in development and tests (SERVE_MEDIA); reads MEDIA_ROOT on every request
    so tests that move it get their own files."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def _search(request, pages, query, backend, section):
    """The hits grouped by section (portal.search.site); evaluated here, not lazily in the
    template, so that a failing search cluster is caught by the view."""
    return site_search(request, pages, query, backend=backend, section=section)
