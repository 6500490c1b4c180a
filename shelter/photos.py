"""Location data removed from every uploaded image (a pet's photo can tell where it was found).

The renditions of every image are made by the task worker when it is saved: portal.renditions.
"""

import io

from django.core.files.base import ContentFile
from django.db.models.signals import pre_save
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

GPS_IFD = 0x8825
# EXIF tags that can also hold where a photo was taken (XP comment/subject written by phones).
LOCATION_TAGS = [GPS_IFD]
STRIPPABLE_FORMATS = {"JPEG", "PNG", "WEBP", "TIFF"}


def strip_location(data):
    """The image bytes without EXIF location (GPS), or None when there is none to remove."""
    try:
        with PillowImage.open(io.BytesIO(data)) as picture:
            exif = picture.getexif()
            if not any(tag in exif for tag in LOCATION_TAGS) or picture.format not in (
                STRIPPABLE_FORMATS
            ):
                return None
            for tag in LOCATION_TAGS:
                exif.pop(tag, None)
            output = io.BytesIO()
            options = {"exif": exif.tobytes()}
            if picture.format == "JPEG":
                options["quality"] = "keep"
            picture.save(output, format=picture.format, **options)
            return output.getvalue()
    except (OSError, ValueError, SyntaxError):
        return None  # not an image Pillow can rewrite; Wagtail's validation answers for it


def strip_location_on_upload(sender, instance, **kwargs):
    """pre_save of the image model: a freshly uploaded file is rewritten without GPS data."""
    field_file = instance.file
    if not field_file or getattr(field_file, "_committed", True):
        return
    field_file.seek(0)
    cleaned = strip_location(field_file.read())
    field_file.seek(0)
    if cleaned is None:
        return
    instance.file = ContentFile(cleaned, name=field_file.name)
    instance.file_size = len(cleaned)
    instance.file_hash = hash_filelike(io.BytesIO(cleaned))


def connect():
    pre_save.connect(
        strip_location_on_upload, sender=get_image_model(), dispatch_uid="shelter_strip_gps"
    )
