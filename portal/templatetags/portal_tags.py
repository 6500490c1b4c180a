import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django_filters import ModelMultipleChoiceFilter, MultipleChoiceFilter

from portal.search_backend import WORD, stem

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


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


@register.inclusion_tag("includes/facet_filters.html", takes_context=True)
def facet_filters(context, filterset, facets, reset_url=None):
    """The GET filter sidebar of a catalog: each faceted filter as options with their counts,
    the other filters (text query, sort) as plain fields. Works without JavaScript."""
    groups = []
    for field in filterset.form:
        filter_ = filterset.filters.get(field.name)
        multiple = isinstance(filter_, MultipleChoiceFilter | ModelMultipleChoiceFilter)
        options = facets.get(field.name)
        groups.append(
            {
                "field": field,
                "options": options,
                "multiple": multiple,
                "any_selected": any(option.selected for option in options or []),
            }
        )
    return {"groups": groups, "reset_url": reset_url or context["request"].path}
