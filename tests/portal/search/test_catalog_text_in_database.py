"""A catalog's text search runs inside the database: membership in a subquery on the search
index, never a list of ids built in Python; Russian word forms, every word required, and the
relevance order (the index's rank, then the primary key) on SQLite and PostgreSQL alike."""

import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from portal.search.backend import by_relevance, text_search
from portal.search.catalog import CatalogQuery, DatabaseCatalogSearch
from shelter.filters import PetFilter
from shelter.models import Pet
from shelter.search import PET_CATALOG
from tests.shelter.factories import PetFactory, ShelterIndexPageFactory

pytestmark = pytest.mark.django_db
# Literal numbers listed in an IN (…) or a CASE WHEN over primary keys.
ID_LIST = re.compile(r"IN \(\s*\d+\s*,|CASE WHEN", re.IGNORECASE)


@pytest.fixture
def pets():
    def pet(name, breed, description, **fields):
        return PetFactory(name=name, breed=breed, description=description, **fields)

    return {
        "murka": pet("Мурка", "сибирская", "Рыжая кошка, игривая.", species="cat"),
        "ryzhik": pet("Рыжик", "британская", "Спокойный кот.", species="cat"),
        "rex": pet("Рекс", "овчарка", "Метис, рыжий окрас."),
        "naida": pet("Найда", "лайка", "Метис, рыжий окрас.", sex="female"),
        "metis": pet("Метис", "дворняга", "Ласковый."),
    }


def matching(text):
    return set(text_search(Pet.objects.all(), text).values_list("name", flat=True))


def test_the_text_filter_is_a_subquery_not_a_list_of_ids(pets):
    sql = str(text_search(Pet.objects.all(), "метис").query)
    assert "SELECT" in sql.split("WHERE", 1)[1]
    assert not ID_LIST.search(sql)
    for pet in pets.values():
        assert f"{pet.pk}," not in sql


def test_russian_word_forms_match(pets):
    assert matching("кошки") == {"Мурка", "Рыжик"}  # "кошка" is a cat's species
    assert matching("метисы") == {"Рекс", "Найда", "Метис"}


def test_every_word_is_required(pets):
    assert matching("метис овчарка") == {"Рекс"}
    assert matching("рыжий кот") == set()


def test_relevance_puts_a_name_hit_first_then_orders_ties_by_pk(pets):
    ranked = by_relevance(text_search(Pet.objects.all(), "метис"), "метис")
    # Рекс and Найда have the same words in their description: equal rank, so by pk.
    assert [pet.name for pet in ranked] == ["Метис", "Рекс", "Найда"]


def test_the_catalogs_queries_list_no_ids(pets):
    query = CatalogQuery(filters=QueryDict("sex=female"), text="метис", sort="relevance")
    with CaptureQueriesContext(connection) as queries:
        result = DatabaseCatalogSearch().search(PET_CATALOG, query)
        names = [pet.name for pet in result.page]
    assert names == ["Найда"]
    assert result.total == 1
    assert not [q["sql"] for q in queries if ID_LIST.search(q["sql"])]


def test_the_subscription_filter_searches_the_text_in_the_database(pets):
    filterset = PetFilter(QueryDict("q=рыжая&species=cat"), queryset=Pet.objects.all())
    assert {pet.name for pet in filterset.qs} == {"Мурка"}
    assert not ID_LIST.search(str(filterset.qs.query))


def test_catalog_page_with_text_counts_facets_in_one_query(client, home, pets):
    ShelterIndexPageFactory(parent=home)
    url = "/shelter/?q=метис&sex=female&size=small"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    facet_queries = [q for q in queries if "__option_" in q["sql"]]
    assert len(facet_queries) == 1
