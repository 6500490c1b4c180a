"""Photos: renditions are there before a visitor asks, and GPS data never stays in an upload."""

import io

import pytest
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from portal import renditions
from shelter import photos
from tests.portal.test_mail import run_worker
from tests.shelter.factories import PetFactory, PetPhotoFactory

pytestmark = pytest.mark.django_db


def jpeg_with_gps():
    picture = PillowImage.new("RGB", (64, 48), "orange")
    exif = PillowImage.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make, harmless, kept
    exif[photos.GPS_IFD] = {1: "N", 2: (43.0, 35.0, 0.0), 3: "E", 4: (39.0, 43.0, 0.0)}
    output = io.BytesIO()
    picture.save(output, format="JPEG", exif=exif.tobytes())
    return output.getvalue()


def test_gps_location_is_removed_from_an_uploaded_image(admin_client, site_tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = jpeg_with_gps()
    assert photos.GPS_IFD in PillowImage.open(io.BytesIO(data)).getexif()
    response = admin_client.post(
        "/admin/images/add/",
        {
            "title": "Найда",
            "file": SimpleUploadedFile("naida.jpg", data, content_type="image/jpeg"),
            "collection": 1,
        },
    )
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Найда")
    with image.open_file() as stored:
        exif = PillowImage.open(stored).getexif()
    assert photos.GPS_IFD not in exif
    assert exif.get(0x010F) == "PhoneMaker"
    assert image.file_size == image.file.size


def test_an_image_without_location_is_left_as_it_is():
    output = io.BytesIO()
    PillowImage.new("RGB", (10, 10)).save(output, format="PNG")
    assert photos.strip_location(output.getvalue()) is None
    assert photos.strip_location(b"not an image") is None


def test_a_pet_photo_shown_after_the_worker_ran_makes_no_rendition(
    client, shelter_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        photo = PetPhotoFactory(pet=PetFactory())
    run_worker()
    count = photo.image.renditions.count()
    assert count == len(renditions.SPECS)
    card = photo.image.renditions.get(filter_spec="fill-320x240")
    assert card.file.name.endswith(".webp")  # WAGTAILIMAGES_FORMAT_CONVERSIONS
    assert client.get("/shelter/").status_code == 200
    assert client.get(f"/shelter/pets/{photo.pet.pk}/").status_code == 200
    assert photo.image.renditions.count() == count  # no visitor waited for a new one
