"""One paginator for every public list: the page size, bad page numbers and the page links."""

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator

from portal.params import ID_MAX, BadParameterError, parse_int


class CountedPaginator(Paginator):
    """A paginator told the length of its list, when a query that ran anyway counted it."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.count = count  # Paginator.count is a cached property: this is its value.


def paginate(request, object_list, per_page=None, count=None):
    """Return the requested page of object_list; a bad or too-large ?page= gives the nearest one
    (a page link that outlived its list is no error worth a 400). `count`: the list's length
    when already known, so that it is not counted again."""
    per_page = per_page or settings.PORTAL_PAGE_SIZE
    if count is None:
        paginator = Paginator(object_list, per_page)
    else:
        paginator = CountedPaginator(object_list, per_page, count)
    try:
        return paginator.page(requested_page(request))
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def requested_page(request):
    """The page number asked for in ?page=, 1 when absent or not a number."""
    try:
        return parse_int(request.GET.get("page"), minimum=1, maximum=ID_MAX) or 1
    except BadParameterError:
        return 1
