"""What of the page tree the public can reach, decided once for search and the sitemap."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


def without_unpublished_branches(pages):
    """Leave out live pages under an unpublished one: Wagtail does not serve them, so their
    addresses lead nowhere. One condition per unpublished page that has children (a handful)."""
    for hidden in Page.objects.not_live().filter(numchild__gt=0).only("path"):
        pages = pages.not_descendant_of(hidden)
    return pages


class PublicSitemap(Sitemap):
    """Wagtail's sitemap without the pages under an unpublished section."""

    def items(self):
        pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True).live().public()
        return without_unpublished_branches(pages).order_by("path").defer_streamfields().specific()
