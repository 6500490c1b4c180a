import logging

from django.apps import apps
from django.conf import settings
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.static import serve
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from portal import accessibility, ratelimit
from portal.pages import without_unpublished_branches
from portal.pagination import paginate
from portal.search_backend import WORD
from portal.search_es.connection import CLUSTER_ERRORS

logger = logging.getLogger(__name__)

# Non-page models the site search also looks in; each has get_absolute_url(), and those with
# unpublished rows a classmethod search_queryset() giving what the public may see.
SEARCHABLE_MODELS = [
    "shelter.Pet",
    "calendar_pages.Facility",
    "producers.Producer",
    "producers.Product",
]
OTHER_RESULTS_PER_MODEL = 5


def search(request):
    """Site search over every live public page; empty and bad queries get a polite answer."""
    query = request.GET.get("q", "").strip()
    error = None
    results_page = None
    other_results = []
    fell_back = False
    status = 200
    if query and not ratelimit.allow("site_search", ratelimit.client_ip(request)):
        # A search costs the database (or the cluster) far more than a page: many per client
        # address are a scraper or a flood, never a person typing.
        error = _("Too many searches from your address: please wait a minute and try again.")
        status = 429
    elif len(query) > settings.PORTAL_SEARCH_MAX_LENGTH:
        error = _("The query is too long: please use at most %(limit)d characters.") % {
            "limit": settings.PORTAL_SEARCH_MAX_LENGTH
        }
    elif query and not WORD.search(query):
        error = _("The query has no words to search for: please type a word.")
    elif query:
        site = Site.find_for_request(request)
        pages = Page.objects.live().public()
        if site is not None:
            pages = pages.descendant_of(site.root_page, inclusive=True)
        pages = without_unpublished_branches(pages)
        try:
            results_page, other_results = _search(request, pages, query, backend="default")
        except CLUSTER_ERRORS:
            # Elasticsearch is down: answer from the database, which is always kept up to date.
            logger.exception("Site search: Elasticsearch failed, answering from the database")
            results_page, other_results = _search(request, pages, query, backend="database")
            fell_back = True
    context = {
        "query": query,
        "error": error,
        "results_page": results_page,
        "other_results": other_results,
        "fell_back": fell_back,
    }
    if error and status == 200:
        status = 400
    return TemplateResponse(request, "portal/search.html", context, status=status)


def media(request, path):
    """Uploaded files in development and tests (SERVE_MEDIA); reads MEDIA_ROOT on every request
    so tests that move it get their own files."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def _search(request, pages, query, backend):
    """The page of page results and, on the first page, the other records' matches; evaluated
    here (not lazily in the template) so that a failing search cluster is caught by the view."""
    results_page = paginate(request, pages.specific().search(query, backend=backend))
    results_page.object_list = list(results_page.object_list)
    other = search_other_models(query, backend) if results_page.number == 1 else []
    return results_page, other


def search_other_models(query, backend="default"):
    """Matches among records that are not pages (facilities…), shown above the page results."""
    groups = []
    for label in SEARCHABLE_MODELS:
        model = apps.get_model(label)
        public = model.search_queryset() if hasattr(model, "search_queryset") else model
        search = get_search_backend(backend).search
        matches = list(search(query, public)[:OTHER_RESULTS_PER_MODEL])
        if matches:
            groups.append((model._meta.verbose_name_plural, matches))
    return groups


def toggle_accessibility(request):
    """Switch the "версия для слабовидящих" mode with a plain link and go back where we were."""
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if request.GET.get("mode") == "on":
        response.set_cookie(
            accessibility.COOKIE_NAME,
            "on",
            max_age=accessibility.COOKIE_MAX_AGE,
            samesite="Lax",
            secure=request.is_secure(),
        )
    else:
        response.delete_cookie(accessibility.COOKIE_NAME, samesite="Lax")
    return response
