"""portal.uploads: images are refused by byte size, then by header pixel count, never decoded;
temporary upload files do not outlive a request; bodies far over the limits are not read."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from portal.uploads import ImageUploadField, max_request_body


def png(width, height):
    """A one-colour PNG: a few KB on disk even at 9000×9000 (hundreds of MB once decoded)."""
    buffer = io.BytesIO()
    Image.new("L", (width, height), 200).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def huge_png():
    return png(9000, 9000)


@pytest.fixture
def no_decoding(monkeypatch):
    def load(self):
        pytest.fail("the image was decoded")

    monkeypatch.setattr(Image.Image, "load", load)


def test_a_9000_by_9000_png_is_refused_from_its_header(huge_png, no_decoding):
    assert len(huge_png) < 200_000
    upload = SimpleUploadedFile("huge.png", huge_png, content_type="image/png")
    with pytest.raises(ValidationError) as refusal:
        ImageUploadField().clean(upload)
    assert "слишком большое" in refusal.value.messages[0]


def test_a_file_one_byte_over_the_limit_is_refused_before_it_is_read(settings, monkeypatch):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000
    upload = SimpleUploadedFile("big.png", b"x" * 1001, content_type="image/png")
    monkeypatch.setattr(Image, "open", lambda *args: pytest.fail("the file was opened"))
    with pytest.raises(ValidationError) as refusal:
        ImageUploadField().clean(upload)
    assert "слишком большой" in refusal.value.messages[0]


def test_an_image_within_the_limits_is_accepted(settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10_000
    upload = SimpleUploadedFile("small.png", png(40, 30), content_type="image/png")
    assert ImageUploadField().clean(upload).image.get_size() == (40, 30)


def test_the_limits_are_the_admins(settings):
    field = ImageUploadField()
    assert field.max_upload_size == settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    assert field.max_image_pixels == settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000


@pytest.mark.urls("tests.portal.upload_urls")
def test_temporary_upload_files_are_removed_when_the_view_dies(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every upload goes to a temporary file
    client = Client(raise_request_exception=False)
    upload = SimpleUploadedFile("photo.png", png(10, 10), content_type="image/png")
    response = client.post("/upload-then-fail/", {"file": upload})
    assert response.status_code == 500
    assert list(tmp_path.iterdir()) == []


@pytest.mark.urls("tests.portal.upload_urls")
def test_a_body_far_over_the_limits_is_refused_unread(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    upload = SimpleUploadedFile("big.png", b"x" * (max_request_body() + 1))
    response = Client(raise_request_exception=False).post("/upload-then-fail/", {"file": upload})
    assert response.status_code == 400
    assert list(tmp_path.iterdir()) == []
