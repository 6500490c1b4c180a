"""Pictures in the producer cabinet: over the limits they are refused with a Russian message,
without decoding, and the form comes back with everything else the producer typed."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.images import get_image_model

from producers.models import Producer
from tests.producers.factories import CategoryFactory, ProducerFactory, UserFactory
from tests.producers.test_cabinet import profile_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("directory", "on_demo_day")]


def png(width, height, name="logo.png"):
    buffer = io.BytesIO()
    Image.new("L", (width, height), 200).save(buffer, format="PNG", optimize=True)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture(scope="module")
def huge_logo():
    """Made before `no_decoding` patches Pillow (saving a PNG loads it)."""
    return png(9000, 9000).read()


@pytest.fixture
def no_decoding(huge_logo, monkeypatch):
    def load(self):
        pytest.fail("the image was decoded")

    monkeypatch.setattr(Image.Image, "load", load)


def test_a_9000_by_9000_logo_is_refused_without_decoding(client, huge_logo, no_decoding):
    client.force_login(UserFactory())
    logo = SimpleUploadedFile("logo.png", huge_logo, content_type="image/png")
    data = profile_data(CategoryFactory(), logo_file=logo)
    response = client.post("/cabinet/profile/", data)
    page = response.content.decode()
    assert "слишком большое" in page
    assert "Сыроварня «Ачишхо»" in page or "Сыроварня &laquo;Ачишхо&raquo;" in page
    assert "7707083893" in page
    assert not Producer.objects.exists() and not get_image_model().objects.exists()


def test_a_product_photo_one_byte_over_the_limit_is_refused(client, settings):
    producer = ProducerFactory()
    client.force_login(producer.owner)
    photo = png(20, 20, "photo.png")
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = photo.size - 1
    data = {
        "name": "Мёд каштановый",
        "category": CategoryFactory().pk,
        "months": ["7"],
        "availability": "available",
        "photo_file": photo,
    }
    response = client.post("/cabinet/products/new/", data)
    page = response.content.decode()
    assert "слишком большой" in page and "Мёд каштановый" in page
    assert not producer.products.exists() and not get_image_model().objects.exists()


def test_a_logo_within_the_limits_is_saved(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/cabinet/profile/", profile_data(CategoryFactory(), logo_file=png(300, 200))
    )
    assert response.status_code == 302
    assert get_image_model().objects.get().width == 300
