"""The API answers as its OpenAPI schema says, for any input the schema allows and beyond:
schemathesis generates requests for every operation from /api/v1/schema/ and checks that none
answers 5xx and every answer matches the schema (status, content type, body)."""

from decimal import Decimal

import pytest
import schemathesis
import time_machine
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from calendar_pages.models import Facility
from producers.models import Producer
from tests.calendar_pages.catalog_facilities import make_catalog_facilities
from tests.calendar_pages.factories import CalendarIndexPageFactory, CityEventFactory
from tests.contest.factories import ContestIndexPageFactory, ContestPageFactory, accepted_entry
from tests.factories import NewsPageFactory
from tests.producers.catalog_directory import TODAY as DIRECTORY_DAY
from tests.producers.catalog_directory import make_directory
from tests.producers.factories import (
    FairDayFactory,
    FairFactory,
    FairScheduleFactory,
    ProducerIndexPageFactory,
)
from tests.projects.factories import (
    ControlPointFactory,
    IndicatorFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
)
from tests.shelter.catalog_pets import make_catalog_pets
from tests.shelter.factories import PetPhotoFactory, ShelterIndexPageFactory


@pytest.fixture
def api_schema(db, home, news_index):
    ShelterIndexPageFactory(parent=home)
    CalendarIndexPageFactory(parent=home)
    pets = make_catalog_pets(every_status=True)
    PetPhotoFactory(pet=pets["kitten"])
    make_catalog_facilities()
    ProducerIndexPageFactory(parent=home)
    with time_machine.travel(DIRECTORY_DAY, tick=False):
        directory = make_directory()
        FairDayFactory().add_producer(directory["apiary"])
        fair = FairFactory(latitude=Decimal("43.612"), longitude=Decimal("39.735"))
        FairScheduleFactory(fair=fair)
        FairDayFactory(fair=fair)
    # The maps' GeoJSON lists only places with coordinates.
    Facility.objects.update(latitude=Decimal("43.59"), longitude=Decimal("39.72"))
    Producer.objects.update(latitude=Decimal("43.6"), longitude=Decimal("39.73"))
    NewsPageFactory(parent=news_index, tags=["Экология"])
    project = ProjectPageFactory(parent=ProjectIndexPageFactory(parent=home))
    IndicatorFactory(page=project)
    ControlPointFactory(page=project)
    CityEventFactory()
    contest = ContestPageFactory(parent=ContestIndexPageFactory(parent=home))
    accepted_entry(contest)
    # As Django's test client does: a request must not close the test's database connection
    # (it would end the test's transaction; on PostgreSQL every later request then fails).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")
DATABASE_CHOICES = {"/api/v1/producers/", "/api/v1/products/", "/api/v1/geo/producers/"}


@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_as_the_schema_says(case):
    excluded = []
    if case.operation.path in DATABASE_CHOICES:
        # ?category= takes the slugs of the categories staff keep in the database; the schema
        # cannot list them, so an unknown slug it allows is rightly refused (400).
        excluded.append(positive_data_acceptance)
    case.call_and_validate(excluded_checks=excluded)


def test_the_schema_describes_only_the_public_api(client, db):
    paths = client.get("/api/v1/schema/?format=json").json()["paths"]
    assert paths and all(path.startswith("/api/v1/") for path in paths)
    resources = (
        "pets",
        "facilities",
        "producers",
        "products",
        "news",
        "projects",
        "events",
        "fairs",
        "contests",
    )
    assert {f"/api/v1/{name}/" for name in resources} <= set(paths)
    assert {f"/api/v1/{name}/{{id}}/" for name in resources} <= set(paths)
    assert {f"/api/v1/geo/{kind}/" for kind in ("facilities", "producers", "fairs")} <= set(paths)
