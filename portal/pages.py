"""What of the page tree the public can reach, decided once for search and the sitemap."""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, PageQuerySet, PageViewRestriction


def without_unpublished_branches(pages):
    """Leave out live pages under an unpublished one: Wagtail does not serve them, so their
    addresses lead nowhere. One condition per unpublished page that has children (a handful)."""
    for hidden in Page.objects.not_live().filter(numchild__gt=0).only("path"):
        pages = pages.not_descendant_of(hidden)
    return pages


def view_restricted_q():
    """Pages under a view restriction (on the page or an ancestor: its path is a prefix of the
    page's), as one condition of the query that uses it. Wagtail's public() reads every
    restriction in a query of its own each time a queryset is built."""
    restrictions = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return Q(Exists(restrictions))


class PublicInSqlQuerySet(PageQuerySet):
    """Pages whose public() adds no query of its own (view_restricted_q)."""

    def private_q(self):
        return view_restricted_q()


class PublicSitemap(Sitemap):
    """Wagtail's sitemap without the pages under an unpublished section."""

    def items(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True).live().public()
        return without_unpublished_branches(pages).order_by("path").defer_streamfields().specific()
