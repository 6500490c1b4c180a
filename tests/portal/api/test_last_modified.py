"""Every catalog of the API is dated: Last-Modified is the latest `updated_at` among the records
an answer shows, and If-Modified-Since gets 304 (portal.api.views.PublicAPIMixin)."""

import datetime

import pytest
from django.utils.http import http_date

from calendar_pages.models import Facility
from producers.models import Producer, Product
from shelter.models import Pet
from tests.calendar_pages.factories import CalendarIndexPageFactory, FacilityFactory
from tests.producers.factories import ProducerIndexPageFactory, ProductFactory
from tests.shelter.factories import PetFactory, ShelterIndexPageFactory

pytestmark = pytest.mark.django_db

CATALOGS = [
    ("pets", Pet, ShelterIndexPageFactory, PetFactory),
    ("facilities", Facility, CalendarIndexPageFactory, FacilityFactory),
    ("producers", Producer, ProducerIndexPageFactory, None),
    ("products", Product, ProducerIndexPageFactory, ProductFactory),
]


@pytest.mark.parametrize(("resource", "model", "section", "factory"), CATALOGS)
def test_catalog_answers_are_dated_by_their_latest_record(
    client, home, resource, model, section, factory
):
    section(parent=home)
    for _number in range(3):
        (factory or ProductFactory)()
    latest = datetime.datetime(2026, 11, 20, 9, 30, tzinfo=datetime.UTC)
    record = model.objects.order_by("pk").first()
    model.objects.filter(pk=record.pk).update(updated_at=latest)
    model.objects.exclude(pk=record.pk).update(updated_at=latest - datetime.timedelta(days=1))
    for url in (f"/api/v1/{resource}/", f"/api/v1/{resource}/{record.pk}/"):
        response = client.get(url)
        assert response["Last-Modified"] == http_date(latest.timestamp()), url
        again = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
        assert again.status_code == 304
        earlier = http_date((latest - datetime.timedelta(hours=1)).timestamp())
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200


def test_a_refused_request_is_not_dated(client, home):
    ShelterIndexPageFactory(parent=home)
    PetFactory()
    response = client.get("/api/v1/pets/?species=dragon")
    assert response.status_code == 400
    assert not response.has_header("Last-Modified")
