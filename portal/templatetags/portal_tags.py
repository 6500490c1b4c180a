import re
from types import SimpleNamespace

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from portal.public_url import absolute
from portal.search.backend import WORD, stem
from portal.search.facets import filter_panel

register = template.Library()


@register.filter
def highlight(text, query):
    """Escape text and wrap in <mark> every word that shares a Russian stem with a query word."""
    text = str(text or "")
    stems = {stem(word) for word in WORD.findall(query or "")}
    if not stems:
        return escape(text)
    parts = []
    last = 0
    for match in WORD.finditer(text):
        parts.append(escape(text[last : match.start()]))
        word = match.group(0)
        parts.append(f"<mark>{escape(word)}</mark>" if stem(word) in stems else escape(word))
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece above is escaped


@register.filter
def excerpt(text, words=40):
    """Plain text of at most `words` words, for result and card snippets."""
    plain = re.sub(r"<[^>]+>", " ", str(text or ""))
    return Truncator(" ".join(plain.split())).words(words, truncate=" …")


@register.simple_tag
def absolute_url(url):
    """The link at the portal's public address (canonical, og:url), whatever host was asked."""
    return absolute(url) if url else ""


@register.inclusion_tag("includes/facet_filters.html", takes_context=True)
def facet_filters(context, filterset, facets=None, reset_url=None, count=None, title=None):
    """The filter panel of a list; see the comment at the top of includes/facet_filters.html."""
    return {
        **filter_panel(filterset, facets),
        "reset_url": reset_url or context["request"].path,
        # The number the list shows; none when the filters were refused (the list is empty).
        "count": count if filterset.is_valid() else None,
        "title": title or _("Filters"),
        "open": filterset.is_bound and not filterset.is_valid(),
    }


# The home page: the site's root, right under the tree's root, always at the site's "/".
HOME_CRUMB = SimpleNamespace(depth=2, url="/", title="")


@register.filter
def crumbs(page):
    """The page's ancestors below the tree's root, for the breadcrumbs. A section's page (right
    under the home page, where every section and its records are served) needs no query; nor does
    a page Wagtail's router reached, which keeps each parent it passed on the child."""
    if page.depth == HOME_CRUMB.depth + 1:
        return [HOME_CRUMB]
    return routed_ancestors(page) or page.get_ancestors()[1:]


def routed_ancestors(page):
    """The parents the router left on the page, up to the home page; None if one is missing."""
    ancestors = []
    while page.depth > HOME_CRUMB.depth:
        page = page.__dict__.get("_cached_parent_obj")  # Wagtail's Page.route sets it
        if page is None:
            return None
        ancestors.insert(0, page)
    return ancestors
