"""Serializer fields every resource uses: a choice with its Russian label, the record's public
page, images as their renditions' addresses."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

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
