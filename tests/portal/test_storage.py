"""portal.storage: uploaded files in S3-compatible object storage when MEDIA_S3_BUCKET is set
(every app node sees the same files): originals and documents private behind signed, short-lived
addresses; renditions public and stable. The object store is moto's in-process S3."""

from urllib.parse import parse_qs, urlsplit

import boto3
import environ
import pytest
from django.core.files.base import ContentFile
from moto import mock_aws
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.models import get_rendition_storage
from wagtail.models import Collection, CollectionViewRestriction

from portal.storage import (
    FILE_SYSTEM,
    PRIVATE_ALIAS,
    PRIVATE_FILE_SYSTEM,
    RENDITIONS_PREFIX,
    media_storages,
)
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db
BUCKET = "portal-media"


def signed(url):
    return parse_qs(urlsplit(url).query)


def test_without_a_bucket_files_stay_on_the_local_disk(monkeypatch):
    monkeypatch.delenv("MEDIA_S3_BUCKET", raising=False)
    storages, renditions = media_storages(environ.Env())
    assert storages == {
        "default": {"BACKEND": FILE_SYSTEM},
        PRIVATE_ALIAS: {"BACKEND": PRIVATE_FILE_SYSTEM},
    }
    assert renditions is None


@pytest.fixture
def object_store(settings, monkeypatch):
    monkeypatch.setenv("MEDIA_S3_BUCKET", BUCKET)
    monkeypatch.setenv("MEDIA_S3_REGION", "us-east-1")
    monkeypatch.setenv("MEDIA_S3_ACCESS_KEY_ID", "portal")
    monkeypatch.setenv("MEDIA_S3_SECRET_ACCESS_KEY", "portal-secret")
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        storages, renditions = media_storages(environ.Env())
        settings.STORAGES = {**settings.STORAGES, **storages}
        settings.WAGTAILIMAGES_RENDITION_STORAGE = renditions
        settings.WAGTAILDOCS_SERVE_METHOD = "redirect"
        # Wagtail reads the rendition storage once, when its model is defined (at start-up in
        # production, where the settings are already these).
        rendition_file = get_image_model().get_rendition_model()._meta.get_field("file")
        monkeypatch.setattr(rendition_file, "storage", get_rendition_storage())
        yield client


def keys(client):
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_an_original_image_is_in_the_bucket_behind_a_signed_expiring_address(object_store):
    image = ImageFactory()
    assert image.file.name in keys(object_store)
    query = signed(image.file.url)
    assert query["X-Amz-Expires"] == ["300"]
    assert "X-Amz-Signature" in query


def test_a_rendition_is_public_under_its_prefix_with_a_stable_address(object_store):
    image = ImageFactory()
    rendition = image.get_rendition("fill-160x160")
    assert f"{RENDITIONS_PREFIX}/{rendition.file.name}" in keys(object_store)
    assert not urlsplit(rendition.url).query  # nothing that expires in a kept page
    assert rendition.url == image.get_rendition("fill-160x160").url


def document(collection):
    return get_document_model().objects.create(
        title="Паспорт проекта",
        collection=collection,
        file=ContentFile(b"%PDF-1.4 passport", name="passport.pdf"),
    )


def test_a_public_document_redirects_to_a_signed_address(client, object_store):
    passport = document(Collection.get_first_root_node())
    response = client.get(passport.url)
    assert response.status_code == 302
    assert "X-Amz-Signature" in signed(response["Location"])
    assert urlsplit(response["Location"]).path.endswith(passport.file.name)


def test_a_private_document_is_refused_before_any_address_is_given(client, object_store, home):
    private = Collection.get_first_root_node().add_child(name="Внутренние документы")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    notes = document(private)
    response = client.get(notes.url)
    assert response.status_code == 302
    assert "X-Amz-Signature" not in response["Location"]
    assert "login" in response["Location"]
