"""One paginator for every public list: the page size, bad page numbers and the page links."""

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator

from portal.params import ID_MAX, BadParameterError, parse_int


def paginate(request, object_list, per_page=None):
    """Return the requested page of object_list; a bad or too-large ?page= gives the nearest one
    (a page link that outlived its list is no error worth a 400)."""
    paginator = Paginator(object_list, per_page or settings.PORTAL_PAGE_SIZE)
    try:
        number = parse_int(request.GET.get("page"), minimum=1, maximum=ID_MAX) or 1
    except BadParameterError:
        number = 1
    try:
        return paginator.page(number)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
