"""One paginator for every public list: the page size, bad page numbers and the page links."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator


def paginate(request, object_list, per_page=None):
    """Return the requested page of object_list; a bad or too-large ?page= gives the nearest one."""
    paginator = Paginator(object_list, per_page or settings.PORTAL_PAGE_SIZE)
    number = request.GET.get("page", 1)
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
