"""Helpers the apps' demo loaders share to build pages: body paragraphs and illustrations."""

import html
from io import BytesIO

from django.core.files.images import ImageFile
from wagtail.images import get_image_model

from portal.demo import images


def paragraphs_to_blocks(paragraphs):
    """StreamField paragraph blocks from plain-text paragraphs."""
    return [{"type": "paragraph", "value": f"<p>{html.escape(text)}</p>"} for text in paragraphs]


def illustration(title, theme, seed, note, *, size=images.DEFAULT_SIZE, name=None):
    """The Wagtail image titled `title`, drawn once by images.make_illustration."""
    image_model = get_image_model()
    image = image_model.objects.filter(title=title).first()
    if image is None:
        # Looked up on the module at call time, so tests can swap in a faster drawing.
        data = BytesIO(images.make_illustration(theme, seed, size=size))
        image = image_model(
            title=title, file=ImageFile(data, name=name or f"demo-{theme}-{seed}.jpg")
        )
        image.save()
        note(f"image «{title}»")
    return image
