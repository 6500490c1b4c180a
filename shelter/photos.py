"""Pet photos: the rendition sizes used anywhere on the site, made when a photo is saved (not on
the first public view), and location data removed from every uploaded image.

The templates use exactly the specs listed here (see templates/shelter/includes/*.html); WebP
comes from WAGTAILIMAGES_FORMAT_CONVERSIONS.
"""

import contextlib
import io
import threading

from django.core.files.base import ContentFile
from django.db.models.signals import post_save, pre_save
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

# name -> specs (smallest first), for `{% srcset_image %}` in the templates.
CARD = ["fill-320x240", "fill-640x480"]
GALLERY = ["max-640x480", "max-1280x960"]
THUMB = ["fill-120x90"]
RENDITION_SPECS = [*CARD, *GALLERY, *THUMB]

GPS_IFD = 0x8825
# EXIF tags that can also hold where a photo was taken (XP comment/subject written by phones).
LOCATION_TAGS = [GPS_IFD]
STRIPPABLE_FORMATS = {"JPEG", "PNG", "WEBP", "TIFF"}


_state = threading.local()


def generate_renditions(image, specs=None):
    """Make every rendition the site shows for `image`, so no visitor waits for one."""
    return image.get_renditions(*(specs or RENDITION_SPECS))


@contextlib.contextmanager
def renditions_deferred():
    """Skip the renditions on save (the demo loader makes only the catalog's, to stay fast)."""
    _state.deferred = True
    try:
        yield
    finally:
        _state.deferred = False


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


def make_renditions_on_save(sender, instance, raw=False, **kwargs):
    if not raw and instance.image_id and not getattr(_state, "deferred", False):
        generate_renditions(instance.image)


def connect():
    pre_save.connect(
        strip_location_on_upload, sender=get_image_model(), dispatch_uid="shelter_strip_gps"
    )
    from shelter.models import PetPhoto

    post_save.connect(
        make_renditions_on_save, sender=PetPhoto, dispatch_uid="shelter_photo_renditions"
    )
