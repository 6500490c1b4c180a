"""The demo loader builds the section: page, producers, products, fairs, moderation examples."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from calendar_pages.models import CityEvent, EventCategory
from home.models import StandardPage
from producers.demo.loader import load_demo
from producers.models import ChangeRequest, Fair, Producer, ProducerIndexPage, Product, RosterEntry

pytestmark = pytest.mark.django_db


def test_demo_fills_the_directory_in_bulk_and_a_second_run_creates_nothing(
    home, django_capture_on_commit_callbacks
):
    home.add_child(instance=StandardPage(title="Выбирай сочинское!", slug="producers"))
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        load_demo(home, lambda text: None)
    assert not StandardPage.objects.filter(slug="producers").exists()
    page = ProducerIndexPage.objects.get()
    assert page.url == "/producers/"
    assert Producer.objects.count() == 30
    assert 190 <= Product.objects.count() <= 230
    assert Product.objects.values("category").distinct().count() >= 10
    assert Producer.objects.values("district").distinct().count() == 4
    assert Fair.objects.count() == 8
    assert RosterEntry.objects.exists()
    assert ChangeRequest.objects.filter(status="pending").count() >= 3
    assert ChangeRequest.objects.filter(status="refused").exists()
    assert CityEvent.objects.filter(category=EventCategory.FAIR).exists()
    counts = (Producer.objects.count(), Product.objects.count(), RosterEntry.objects.count())
    load_demo(home, lambda text: None)
    assert counts == (
        Producer.objects.count(),
        Product.objects.count(),
        RosterEntry.objects.count(),
    )
    # Products and calendar events are inserted and indexed in bulk: about 2,700 queries (a save
    # per row, with its own search and reference index updates, took 8.6 s on PostgreSQL). Time
    # is measured by make bench; the query bound holds on any machine.
    assert len(queries) < 3_200
