"""Limits on uploaded files, the same on every public and cabinet form as in the Wagtail admin.

A 50 MB file or a 9000×9000 PNG (a few KB on disk, 320 MB once decoded) must be refused before it
costs memory. `ImageUploadField` checks the byte size first, from the upload's declared size, then
the pixel count from the image header (Pillow's `Image.open` is lazy: `.size` needs no decoding),
and only then lets Wagtail's image field check the format, whose own pixel check decodes the whole
image through Willow and so must not see an oversized one. Both limits are the admin's settings
(WAGTAILIMAGES_MAX_UPLOAD_SIZE, WAGTAILIMAGES_MAX_IMAGE_PIXELS), so an image accepted in the
cabinet is one the admin accepts.

`RequestSizeLimitHandler` refuses a request body far above any upload limit before Django reads
it, so nobody streams gigabytes into a temporary file only to be refused afterwards.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.core.files.uploadhandler import FileUploadHandler
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image
from wagtail.images.fields import WagtailImageField

# Room for the other fields of a form and the multipart framing around the largest file.
REQUEST_OVERHEAD_BYTES = 1024 * 1024


def max_request_body():
    """The largest request body worth reading: the largest upload the portal takes, plus room."""
    largest = max(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE, settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)
    return largest + REQUEST_OVERHEAD_BYTES


class ImageUploadField(WagtailImageField):
    """An image upload under the admin's limits, refused with a Russian message when over them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages["file_too_large"] = _(
            "The file is too large (%(file_size)s): at most %(max_filesize)s."
        )
        self.error_messages["file_too_many_pixels"] = _(
            "The picture is too large (%(num_pixels)s pixels): at most %(max_pixels_count)s "
            "pixels. Reduce it and upload again."
        )
        self.help_text = _("%(formats)s, up to %(size)s and %(megapixels)s megapixels.") % {
            "formats": self.supported_formats_text,
            "size": self.max_upload_size_text,
            "megapixels": self.max_image_pixels // 1_000_000,
        }

    def _read_limits(self):
        # Read on every upload, not once when the form class is defined, so that the settings in
        # force (and tests' overrides) apply.
        self.max_upload_size = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
        self.max_image_pixels = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
        self.max_upload_size_text = filesizeformat(self.max_upload_size)

    def to_python(self, data):
        self._read_limits()
        # Wagtail reads an in-memory upload into a buffer before checking its size; the declared
        # size is known already, so an oversized file is refused before anything is read.
        size = getattr(data, "size", None)
        if size is not None and self.max_upload_size is not None and size > self.max_upload_size:
            raise ValidationError(
                self.error_messages["file_too_large"]
                % {"file_size": filesizeformat(size), "max_filesize": self.max_upload_size_text},
                code="file_too_large",
            )
        self._check_header(data)
        return super().to_python(data)

    def _check_header(self, data):
        """Refuse too many pixels, read from the header only (nothing decoded)."""
        if data in self.empty_values or not hasattr(data, "seek"):
            return
        try:
            with Image.open(data) as picture:
                width, height = picture.size
                frames = getattr(picture, "n_frames", 1)
        except Image.DecompressionBombError:
            width = height = frames = None  # over twice Pillow's own limit: too many for us too
        except Exception:  # noqa: BLE001 (not an image: Wagtail's check words the refusal)
            return
        finally:
            data.seek(0)
        pixels = None if width is None else width * height * frames
        limit = self.max_image_pixels
        if limit is not None and (pixels is None or pixels > limit):
            raise ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {
                    "num_pixels": f"{width}×{height}" if width else "?",
                    "max_pixels_count": self.max_image_pixels,
                },
                code="file_too_many_pixels",
            )

    def check_image_pixel_size(self, f):
        """Done by `_check_header` already; Wagtail's version would decode the image."""


class RequestSizeLimitHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: a multipart body far above the limits is a 400 at once.

    Django answers RequestDataTooBig (a SuspiciousOperation) with 400 before the view runs, as it
    does for DATA_UPLOAD_MAX_MEMORY_SIZE; the body is not read.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):  # noqa: N803
        if content_length > max_request_body():
            raise RequestDataTooBig(
                f"Upload body of {content_length} bytes is over {max_request_body()}"
            )

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None
