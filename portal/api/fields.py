"""Serializer fields every resource uses: a choice with its Russian label, the record's public
page, images as their renditions' addresses, rich text as the page's HTML."""

import re

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.rich_text import expand_db_html

from portal.public_url import absolute


class LabelledChoiceSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()


@extend_schema_field(LabelledChoiceSerializer)
class ChoiceField(serializers.Field):
    """A model field with choices as {"value": "dog", "label": "Собака"}."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        return {
            "value": getattr(record, self.field_name),
            "label": str(getattr(record, f"get_{self.field_name}_display")()),
        }


# An address, or null (a page not published, a section without its page yet).
NULLABLE_URI = {"type": "string", "format": "uri", "nullable": True}


@extend_schema_field(NULLABLE_URI)
class PageURLField(serializers.Field):
    """The absolute address of the record's public page (portal.section_pages.RecordPage), built
    from the section's index page the view puts in the context (read once per request)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, record):
        url = record.get_absolute_url(self.context.get("index_page"))
        return absolute(url) if url else None


class RenditionSerializer(serializers.Serializer):
    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


def rendition(image, spec):
    """{url, width, height} of one of the renditions the task worker makes (portal.renditions)."""
    made = image.get_rendition(spec)
    return {"url": absolute(made.url), "width": made.width, "height": made.height}


# The addresses in rendered HTML (links, images and their sources): on the site they are paths.
PATH_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")(/[^"]*)(")')
SRCSET_ATTRIBUTE = re.compile(r'(\ssrcset=")([^"]*)(")')


def with_absolute_links(html):
    """Rendered HTML (a page's body) with each link and image at the portal's public address, so
    it reads the same outside the site."""

    def srcset(match):
        candidates = []
        for candidate in match[2].split(","):
            address, _space, size = candidate.strip().partition(" ")
            if address.startswith("/"):
                address = absolute(address)
            candidates.append(f"{address} {size}".strip())
        return match[1] + ", ".join(candidates) + match[3]

    html = PATH_ATTRIBUTE.sub(lambda match: match[1] + absolute(match[2]) + match[3], html)
    return SRCSET_ATTRIBUTE.sub(srcset, html)


@extend_schema_field({"type": "string", "format": "html"})
class HTMLField(serializers.Field):
    """Rich text or a StreamField rendered to HTML as the record's page shows it (links and
    images resolved to their public addresses)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        if hasattr(value, "render_as_block"):  # a StreamField's value
            html = str(value.render_as_block())
        else:
            html = expand_db_html(value or "")
        return with_absolute_links(html)


def page_address(page, request=None):
    """A Wagtail page's public address, or None when it has none (no site reaches it)."""
    url = page.get_url(request)
    return absolute(url) if url else None


@extend_schema_field(NULLABLE_URI)
class PageAddressField(serializers.Field):
    """The absolute address of a Wagtail page record (a news item, a project, a contest)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        return page_address(page, self.context.get("request"))
