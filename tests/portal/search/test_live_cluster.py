"""The facility and pet catalog scenarios against a real Elasticsearch 8 cluster: the
Elasticsearch and database paths must list the same records, in the same order, with the same
counts.

Runs only when ELASTICSEARCH_URL points to a cluster, for example
    ELASTICSEARCH_URL=http://127.0.0.1:9200 \
        .venv/bin/python -m pytest tests/portal/search/test_live_cluster.py
Each run uses its own index prefix and deletes its indexes afterwards.
"""

import os
import uuid

import pytest
from django.http import QueryDict

if not os.environ.get("ELASTICSEARCH_URL"):
    pytest.skip(
        "ELASTICSEARCH_URL is not set: no Elasticsearch cluster to run the live catalog "
        "scenarios against",
        allow_module_level=True,
    )

from wagtail.search.backends import get_search_backend  # noqa: E402

from calendar_pages.models import Facility  # noqa: E402
from calendar_pages.search import FACILITY_CATALOG, FacilityDocument  # noqa: E402
from portal.search.catalog import (  # noqa: E402
    CatalogQuery,
    DatabaseCatalogSearch,
    ElasticsearchCatalogSearch,
)
from portal.search.es import indexes  # noqa: E402
from portal.search.es.connection import get_client  # noqa: E402
from portal.search.es.health import cluster_health  # noqa: E402
from shelter.demo.seeding import bulk_create_pets  # noqa: E402
from shelter.models import Pet  # noqa: E402
from shelter.search import PET_CATALOG, PetDocument  # noqa: E402
from tests.calendar_pages.catalog_facilities import make_catalog_facilities  # noqa: E402
from tests.calendar_pages.factories import bulk_create_facilities  # noqa: E402
from tests.portal.search.database import database_search_backend  # noqa: E402
from tests.shelter.catalog_pets import make_catalog_pets  # noqa: E402

pytestmark = pytest.mark.django_db

SCENARIOS = [
    {},
    {"filters": "district=adlersky"},
    {"filters": "type=school"},
    {"filters": "status=delayed"},
    {"filters": "district=adlersky&type=school"},
    {"filters": "district=central&status=under_construction&type=park"},
    {"filters": "month=2026-11"},
    {"filters": "year=2027&district=lazarevsky"},
    {"text": "школы"},
    {"text": "елочка"},
    {"text": "школа искусств"},
    {"text": "Адлерский", "filters": "type=school"},
    {"sort": "name"},
    {"sort": "progress", "filters": "district=central"},
    {"sort": "date", "page": 2},
    {"page": 99},
    {"sort": "upcoming"},
    {"sort": "upcoming", "filters": "when=past", "page": 2},
]


@pytest.fixture
def live_index(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test_{uuid.uuid4().hex[:8]}_"
    settings.PORTAL_PAGE_SIZE = 4
    make_catalog_facilities()
    bulk_create_facilities(40, prefix="Объект")
    # Bulk inserts skip the database search index the database path reads: fill it.
    get_search_backend("database").add_bulk(Facility, list(Facility.objects.all()))
    client = get_client()
    indexes.rebuild(FacilityDocument, client)
    yield client
    client.indices.delete(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}*")


def test_the_cluster_is_healthy():
    assert cluster_health() == "ok"


def test_rebuild_indexes_every_facility(live_index):
    row = indexes.status(FacilityDocument, live_index)
    assert row.in_step, row


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
def test_both_paths_give_the_same_page_total_and_facets(live_index, scenario):
    query = CatalogQuery(
        filters=QueryDict(scenario.get("filters", "")),
        text=scenario.get("text", ""),
        sort=scenario.get("sort", ""),
        page=scenario.get("page", 1),
    )
    database = DatabaseCatalogSearch().search(FACILITY_CATALOG, query)
    cluster = ElasticsearchCatalogSearch().search(FACILITY_CATALOG, query)
    assert not cluster.fell_back
    assert cluster.total == database.total
    assert [f.pk for f in cluster.page] == [f.pk for f in database.page]
    assert cluster.page.number == database.page.number
    assert cluster.facets == database.facets


def test_relevance_finds_the_same_facilities(live_index):
    query = CatalogQuery(filters=QueryDict(""), text="школа", sort="relevance")
    database = DatabaseCatalogSearch().search(FACILITY_CATALOG, query)
    cluster = ElasticsearchCatalogSearch().search(FACILITY_CATALOG, query)
    # Ranking differs between engines; what is found and counted does not.
    assert cluster.total == database.total
    assert cluster.facets == database.facets


PET_SCENARIOS = [
    {},
    {"filters": "species=cat"},
    {"filters": "sex=female"},
    {"filters": "age=baby"},
    {"filters": "age=young"},
    {"filters": "age=adult"},
    {"filters": "age=senior"},
    {"filters": "size=small"},
    {"filters": "colour=ginger"},
    {"filters": "coat=long"},
    {"filters": "sterilised=yes"},
    {"filters": "vaccinated=no"},
    {"filters": "children=unknown"},
    {"filters": "dogs=no"},
    {"filters": "cats=yes"},
    {"filters": "house_trained=yes"},
    {"filters": "special_needs=yes"},
    {"filters": "species=dog&sex=female&age=adult"},
    {"filters": "species=cat&size=small&children=yes&sterilised=no"},
    {"text": "кошки"},
    {"text": "кролика"},
    {"text": "рыжую", "filters": "species=cat"},
    {"text": "ласковый питомец", "filters": "species=dog"},
    {"text": "любит", "sort": "oldest"},
    {"sort": "newest"},
    {"sort": "waiting", "filters": "species=other"},
    {"sort": "youngest"},
    {"sort": "oldest", "page": 2},
    {"page": 3, "filters": "vaccinated=yes"},
    {"page": 99},
]


@pytest.fixture
def live_pet_index(settings, home):
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test_{uuid.uuid4().hex[:8]}_"
    settings.PORTAL_PAGE_SIZE = 4
    make_catalog_pets()
    bulk_create_pets(40, statuses=["looking", "found", "adopted", "returned"])
    # Bulk inserts skip the database search index the database path reads: fill it.
    database_search_backend().add_bulk(Pet, list(Pet.objects.all()))
    client = get_client()
    indexes.rebuild(PetDocument, client)
    yield client
    client.indices.delete(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}*")


def test_rebuild_indexes_every_catalog_pet_and_no_other(live_pet_index):
    row = indexes.status(PetDocument, live_pet_index)
    assert row.in_step, row
    assert row.indexed == Pet.objects.in_catalog().count() < Pet.objects.count()


@pytest.mark.parametrize("scenario", PET_SCENARIOS, ids=str)
def test_both_paths_give_the_same_pets_total_and_facets(live_pet_index, scenario):
    query = CatalogQuery(
        filters=QueryDict(scenario.get("filters", "")),
        text=scenario.get("text", ""),
        sort=scenario.get("sort", ""),
        page=scenario.get("page", 1),
    )
    database = DatabaseCatalogSearch().search(PET_CATALOG, query)
    cluster = ElasticsearchCatalogSearch().search(PET_CATALOG, query)
    assert database.is_valid and not cluster.fell_back
    assert cluster.total == database.total
    assert [pet.pk for pet in cluster.page] == [pet.pk for pet in database.page]
    assert cluster.page.number == database.page.number
    assert cluster.facets == database.facets


def test_an_adopted_pet_leaves_the_live_index(live_pet_index):
    from portal.search.es import tasks
    from portal.search.es.connection import alias_name

    pet = Pet.objects.in_catalog().filter(status="looking").first()
    assert live_pet_index.exists(index=alias_name(PetDocument), id=pet.pk)
    pet.change_status("adopted")
    tasks.sync(PetDocument, [pet.pk], live_pet_index)
    live_pet_index.indices.refresh(index=alias_name(PetDocument))
    assert not live_pet_index.exists(index=alias_name(PetDocument), id=pet.pk)
    cluster = ElasticsearchCatalogSearch().search(PET_CATALOG, CatalogQuery(filters=QueryDict("")))
    assert cluster.total == Pet.objects.in_catalog().count()


DIRECTORY_SCENARIOS = [
    {},
    {"filters": "category=med"},
    {"filters": "category=citrus"},
    {"filters": "district=adlersky"},
    {"filters": "brand=true"},
    {"filters": "brand=false"},
    {"filters": "season=true"},
    {"filters": "season=false"},
    {"filters": "fair_week=true"},
    {"filters": "fair_week=false"},
    {"filters": "category=med&district=adlersky&brand=true"},
    {"filters": "season=true&fair_week=false&district=khostinsky"},
    {"text": "мёда"},
    {"text": "пасеки"},
    {"text": "сыр"},
    {"text": "ёлки"},
    {"text": "производитель", "filters": "brand=true"},
    {"text": "продукт", "filters": "season=true&category=cheese"},
    {"page": 2},
    {"page": 3, "filters": "brand=false"},
    {"page": 99},
]


@pytest.fixture
def live_directory_index(settings, home, time_machine):
    import datetime

    from producers.demo.seeding import bulk_create_directory
    from producers.models import Producer, Product, RosterEntry
    from producers.search import ProducerDocument, ProductDocument
    from tests.producers.catalog_directory import (
        TODAY,
        index_for_the_database_path,
        make_directory,
    )

    time_machine.move_to(TODAY, tick=False)
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test_{uuid.uuid4().hex[:8]}_"
    settings.PORTAL_PAGE_SIZE = 4
    made = make_directory()
    seeded = bulk_create_directory(24, 3, prefix="seed")
    # A third of the seeded producers trade this Saturday, another third next month.
    RosterEntry.objects.bulk_create(
        [RosterEntry(fair_day=made["saturday"], producer=p) for p in seeded[::3]]
        + [RosterEntry(fair_day=made["december"], producer=p) for p in seeded[1::3]]
    )
    index_for_the_database_path()
    client = get_client()
    indexes.rebuild(ProducerDocument, client)
    indexes.rebuild(ProductDocument, client)
    assert Producer.objects.public().count() < Producer.objects.count()
    assert Product.objects.public().count() < Product.objects.count()
    yield {"client": client, "made": made, "moved_on": datetime.date(2027, 3, 10)}
    client.indices.delete(index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}*")


def directory_catalog(kind):
    from producers.search import PRODUCER_CATALOG, PRODUCT_CATALOG

    return {"producers": PRODUCER_CATALOG, "products": PRODUCT_CATALOG}[kind]


def both_paths(catalog, scenario):
    query = CatalogQuery(
        filters=QueryDict(scenario.get("filters", "")),
        text=scenario.get("text", ""),
        sort=scenario.get("sort", ""),
        page=scenario.get("page", 1),
    )
    database = DatabaseCatalogSearch().search(catalog, query)
    cluster = ElasticsearchCatalogSearch().search(catalog, query)
    assert database.is_valid and not cluster.fell_back
    return database, cluster


def assert_same(database, cluster):
    assert cluster.total == database.total
    # Both order by name then pk (SQLite and PostgreSQL's "C" collation compare code points,
    # as Elasticsearch's keyword does).
    assert [item.pk for item in cluster.page] == [item.pk for item in database.page]
    assert cluster.page.number == database.page.number
    assert cluster.facets == database.facets


def test_rebuild_indexes_every_public_producer_and_product_and_no_other(live_directory_index):
    from producers.search import ProducerDocument, ProductDocument

    for document in (ProducerDocument, ProductDocument):
        row = indexes.status(document, live_directory_index["client"])
        assert row.in_step, row


@pytest.mark.parametrize("kind", ["producers", "products"])
@pytest.mark.parametrize("scenario", DIRECTORY_SCENARIOS, ids=str)
def test_both_paths_give_the_same_directory_page_total_and_facets(
    live_directory_index, kind, scenario
):
    assert_same(*both_paths(directory_catalog(kind), scenario))


@pytest.mark.parametrize("kind", ["producers", "products"])
@pytest.mark.parametrize(
    "filters", ["season=true", "brand=true", "fair_week=true", "fair_week=false"]
)
def test_the_days_filters_agree_on_another_day_without_reindexing(
    live_directory_index, time_machine, kind, filters
):
    # March 2027: other months in season, the apiary's mark expired, no fair this week.
    time_machine.move_to(live_directory_index["moved_on"], tick=False)
    assert_same(*both_paths(directory_catalog(kind), {"filters": filters}))


def test_a_new_fair_day_reaches_the_directory_through_the_update_task(live_directory_index):
    from portal.search.es import tasks
    from portal.search.es.connection import alias_name
    from producers.search import PRODUCER_CATALOG, ProducerDocument

    client, made = live_directory_index["client"], live_directory_index["made"]
    before = both_paths(PRODUCER_CATALOG, {"filters": "fair_week=true"})[1].total
    made["saturday"].add_producer(made["grove"])
    tasks.sync(ProducerDocument, [made["grove"].pk], client)
    client.indices.refresh(index=alias_name(ProducerDocument))
    database, cluster = both_paths(PRODUCER_CATALOG, {"filters": "fair_week=true"})
    assert cluster.total == before + 1
    assert_same(database, cluster)
