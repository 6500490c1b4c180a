"""`comment_text`: a resident's plain text as safe HTML: everything escaped, http(s) addresses
made links that pass no ranking and no window access (rel="nofollow ugc noopener"), line breaks
kept."""

from django import template
from django.utils.html import Urlizer, linebreaks
from django.utils.safestring import mark_safe

register = template.Library()

URL_LIMIT = 60  # characters of a long address shown in the text


class CommentLinks(Urlizer):
    """Django's urlize with our rel and without mailto: links (only http and https)."""

    url_template = '<a href="{href}" rel="nofollow ugc noopener">{url}</a>'

    def is_email_simple(self, value):
        return False


comment_links = CommentLinks()


@register.filter
def comment_text(text):
    # Safe: the urlizer escapes every word that it does not make a link of.
    linked = comment_links(str(text), trim_url_limit=URL_LIMIT, autoescape=True)
    return mark_safe(linebreaks(linked))  # noqa: S308
