"""What is not public is found by no search: each searchable model with a hidden record and a
public twin, so that each test shows the twin (and so can fail) while the hidden one stays out."""

import pytest

from producers.models import ModerationStatus
from tests.factories import NewsPageFactory, StandardPageFactory
from tests.producers.factories import ProducerFactory, ProducerIndexPageFactory, ProductFactory
from tests.shelter.factories import PetFactory, ShelterIndexPageFactory

pytestmark = pytest.mark.django_db


def found(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode().replace("<mark>", "").replace("</mark>", "")


@pytest.fixture
def directory(home):
    return ProducerIndexPageFactory(parent=home)


def test_products_of_an_unpublished_producer_are_not_found(client, directory):
    hidden = ProducerFactory(name="Усадьба Тихая", is_live=False, status=ModerationStatus.DRAFT)
    ProductFactory(producer=hidden, name="Аджика домашняя")
    ProductFactory(producer=ProducerFactory(name="Ферма Светлая"), name="Аджика острая")
    html = found(client, "Аджика")
    assert "Аджика острая" in html
    assert "Аджика домашняя" not in html


def test_draft_and_refused_producers_are_not_found(client, directory):
    ProducerFactory(name="Сыроварня Черновая", is_live=False, status=ModerationStatus.DRAFT)
    ProducerFactory(name="Сыроварня Отказная", is_live=False, status=ModerationStatus.REFUSED)
    ProducerFactory(name="Сыроварня Горная")
    html = found(client, "Сыроварня")
    assert "Сыроварня Горная" in html
    assert "Сыроварня Черновая" not in html and "Сыроварня Отказная" not in html


def test_unpublished_products_of_a_published_producer_are_not_found(client, directory):
    producer = ProducerFactory(name="Пасека Лесная")
    ProductFactory(producer=producer, name="Чурчхела ореховая")
    ProductFactory(
        producer=producer, name="Чурчхела виноградная", is_live=False, status="submitted"
    )
    html = found(client, "Чурчхела")
    assert "Чурчхела ореховая" in html
    assert "Чурчхела виноградная" not in html


def test_pets_off_the_site_are_not_found(client, home):
    ShelterIndexPageFactory(parent=home)
    PetFactory(name="Барбос", breed="овчарка")
    PetFactory(name="Полкан", breed="овчарка", is_public=False)
    html = found(client, "овчарка")
    assert "Барбос" in html
    assert "Полкан" not in html


def test_unpublished_pages_are_not_found(client, news_index):
    NewsPageFactory(parent=news_index, title="Регата в порту")
    NewsPageFactory(parent=news_index, title="Регата отменена", live=False)
    html = found(client, "Регата")
    assert "Регата в порту" in html
    assert "Регата отменена" not in html


def test_pages_under_an_unpublished_page_are_not_found(client, home):
    open_section = StandardPageFactory(parent=home, title="Открытый раздел")
    closed_section = StandardPageFactory(parent=home, title="Закрытый раздел")
    StandardPageFactory(parent=open_section, title="Маршрут по набережной")
    StandardPageFactory(parent=closed_section, title="Маршрут по ущелью")
    closed_section.unpublish()
    html = found(client, "Маршрут")
    assert "Маршрут по набережной" in html
    assert "Маршрут по ущелью" not in html


def test_pages_under_an_unpublished_page_are_not_in_the_sitemap(client, home):
    open_section = StandardPageFactory(parent=home, title="Открытый раздел", slug="open")
    closed_section = StandardPageFactory(parent=home, title="Закрытый раздел", slug="closed")
    StandardPageFactory(parent=open_section, slug="naberezhnaya")
    StandardPageFactory(parent=closed_section, slug="ushchelye")
    closed_section.unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert "/open/naberezhnaya/" in xml
    assert "/closed/" not in xml
