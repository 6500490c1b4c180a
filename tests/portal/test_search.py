"""Site search: Russian word forms on SQLite (Snowball stems) and PostgreSQL (`russian` config)."""

import re

import pytest
from django.core.management import call_command
from wagtail.models import Page

from portal.search.backend import stem_text
from portal.templatetags.portal_tags import highlight
from tests.factories import NewsPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def search(client, query, **params):
    return client.get("/search/", {"q": query, **params})


def test_stems_match_across_russian_word_forms():
    assert stem_text("кошки") == stem_text("кошка") == stem_text("кошку")
    assert stem_text("проекты") == stem_text("проект") == stem_text("проектов")
    assert stem_text("ёлка") == stem_text("елка")


@pytest.mark.parametrize(
    ("query", "expected"),
    [("кошки", "Кошка ищет дом"), ("проекты", "Утверждён первый проект")],
)
def test_plural_query_finds_singular_page(client, news_index, query, expected):
    NewsPageFactory(parent=news_index, title="Кошка ищет дом", lead="Пушистая и ласковая.")
    NewsPageFactory(parent=news_index, title="Утверждён первый проект", lead="Комитет решил.")
    NewsPageFactory(parent=news_index, title="Ярмарка в Адлере", lead="Мёд и чай.")
    html = search(client, query).content.decode()
    assert expected in html.replace("<mark>", "").replace("</mark>", "")
    assert "Ярмарка в Адлере" not in html


def test_searches_fields_defined_on_page_subclasses(client, home, news_index):
    NewsPageFactory(
        parent=news_index,
        title="Обычный заголовок",
        body=[{"type": "paragraph", "value": "<p>Форель из Лазаревского района.</p>"}],
    )
    StandardPageFactory(parent=home, title="Справка", intro="Приём граждан по вторникам.")
    assert "Обычный заголовок" in search(client, "форели").content.decode()
    assert "Справка" in search(client, "вторник").content.decode()


def test_drafts_are_not_found(client, news_index):
    NewsPageFactory(parent=news_index, title="Секретный черновик", live=False)
    response = search(client, "черновик")
    assert "Секретный черновик" not in response.content.decode()
    assert "ничего не найдено" in response.content.decode()


def test_query_is_highlighted_in_results(client, news_index):
    NewsPageFactory(parent=news_index, title="Кошки приюта", lead="Кошка Мурка ждёт хозяина.")
    html = search(client, "кошка").content.decode()
    assert "<mark>Кошки</mark> приюта" in html
    assert "<mark>Кошка</mark> Мурка" in html


def test_results_are_paginated_within_their_section(client, news_index, settings):
    settings.PORTAL_PAGE_SIZE = 2
    for number in range(5):
        NewsPageFactory(parent=news_index, title=f"Парк номер {number}")
    first = search(client, "парк").content.decode()
    assert "Найдено 5 результатов" in first
    assert first.count('class="search-result"') == 3  # the best of the section, then a link
    news = search(client, "парк", section="news").content.decode()
    assert news.count('class="search-result"') == 2
    assert "page=2" in news and "page=3" in news
    third = search(client, "парк", section="news", page=3).content.decode()
    assert third.count('class="search-result"') == 1


def test_empty_query_shows_a_hint_not_an_error(client, home):
    response = search(client, "")
    assert response.status_code == 200
    assert "Введите слово или фразу" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [("?!…—", "В запросе нет слов для поиска"), ("я" * 201, "Слишком длинный запрос")],
)
def test_bad_query_is_a_polite_400(client, home, query, message):
    response = search(client, query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_query_with_search_syntax_characters_does_not_break(client, news_index):
    NewsPageFactory(parent=news_index, title="Кошка и собака")
    for query in ['"кошка', "кошка OR", "NOT кошка", "кошка*", "(кошка", "кошка AND -"]:
        assert search(client, query).status_code == 200


def test_highlight_escapes_html():
    assert highlight("<b>кошка</b>", "кошки") == "&lt;b&gt;<mark>кошка</mark>&lt;/b&gt;"


def test_title_matches_rank_above_body_matches(client, news_index):
    NewsPageFactory(
        parent=news_index,
        title="Новости района",
        body=[{"type": "paragraph", "value": "<p>Открыта новая библиотека.</p>"}],
    )
    NewsPageFactory(parent=news_index, title="Библиотека открыта", lead="В Хосте.")
    html = search(client, "библиотека").content.decode()
    assert html.index("Библиотека</mark> открыта") < html.index("Новости района")


def test_many_hits_are_counted_and_ranked_in_the_database(
    client, news_index, settings, django_assert_max_num_queries
):
    settings.PORTAL_PAGE_SIZE = 10
    from news.demo.seeding import bulk_create_news

    bulk_create_news(news_index, 1500)
    call_command("update_index", verbosity=0)
    with django_assert_max_num_queries(15):
        response = search(client, "новость")
    assert response.status_code == 200
    # Every match is counted, none is capped: the 1,500 items and the news index, whose title
    # says «Новости».
    html = response.content.decode()
    assert "Найден 1501 результат" in html, html[html.find("result-count") :][:200]
    assert "Новости — 1501" in html
    with django_assert_max_num_queries(15):
        last = search(client, "новость", section="news", page=151).content.decode()
    assert last.count('class="search-result"') == 1
    assert 'start="1501"' in last


def test_facilities_are_found_by_russian_word_forms(client, home):
    from tests.calendar_pages.factories import CalendarIndexPageFactory, FacilityFactory

    CalendarIndexPageFactory(parent=home)
    facility = FacilityFactory(name="Детский сад на улице Ленина")
    html = search(client, "детские сады").content.decode()
    assert f'href="{facility.get_absolute_url()}"' in html
    assert "<mark>Детский</mark> <mark>сад</mark>" in html


def test_a_failing_search_cluster_falls_back_to_the_database(client, news_index, settings):
    from unittest import mock

    from elasticsearch import ConnectionError as ClusterDown

    item = NewsPageFactory(parent=news_index, title="Новый сквер в Хосте")
    database = settings.WAGTAILSEARCH_BACKENDS["default"]
    cluster = {"BACKEND": "wagtail.search.backends.elasticsearch8", "URLS": ["http://127.0.0.1:1"]}
    settings.WAGTAILSEARCH_BACKENDS = {"default": cluster, "database": database}
    real_search = Page.objects.none().search.__func__
    calls = []

    def cluster_then_database(self, query, *args, backend="default", **kwargs):
        calls.append(backend)
        if backend == "default":
            raise ClusterDown("unreachable")
        return real_search(self, query, *args, backend=backend, **kwargs)

    with mock.patch("wagtail.query.PageQuerySet.search", cluster_then_database):
        response = client.get("/search/", {"q": "сквер"})
    assert calls == ["default"]  # the database answers inside the database (portal.search.site)
    assert response.status_code == 200
    assert item.url in response.content.decode()
    assert "упрощённом режиме" in response.content.decode()


def test_site_search_shows_published_producers_and_products_only(client, home):
    from tests.producers.factories import ProducerFactory, ProducerIndexPageFactory, ProductFactory

    ProducerIndexPageFactory(parent=home)
    published = ProducerFactory(name="Пасека Ивановых")
    ProducerFactory(name="Пасека Петровых", is_live=False, status="submitted")
    ProductFactory(producer=published, name="Каштановый мёд")
    ProductFactory(producer=published, name="Липовый мёд", is_live=False, status="submitted")
    html = search(client, "пасеки").content.decode()
    assert "Ивановых" in html
    assert "Петровых" not in html
    html = search(client, "мёд").content.decode()
    assert "Каштановый" in html
    assert "Липовый" not in html


def test_site_search_finds_public_pets_and_links_to_their_page(client, home):
    from shelter.models import PetStatus
    from tests.shelter.factories import PetFactory, ShelterIndexPageFactory

    shelter = ShelterIndexPageFactory(parent=home)
    listed = PetFactory(name="Бублик", description="Ласковый пёс ищет дом.")
    PetFactory(name="Пончик", description="Ласковый пёс.", is_public=False)
    PetFactory(name="Рогалик", description="Ласковый пёс.", status=PetStatus.RETURNED)
    html = search(client, "ласковые").content.decode()
    assert "Бублик" in html
    assert shelter.pet_url(listed.pk) in html
    assert "Пончик" not in html
    assert "Рогалик" not in html


def test_too_long_query_keeps_what_was_typed_in_the_form(client, home, settings):
    typed = "ярмарка " * 30
    response = search(client, typed)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Слишком длинный запрос" in html
    assert f'value="{typed.strip()}"' in html


def test_searches_beyond_the_limit_get_a_polite_429_with_the_form(client, home, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "site_search": (3, 60)}
    answers = [search(client, "парк").status_code for _ in range(3)]
    refused = search(client, "парк")
    assert answers == [200, 200, 200]
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Слишком много запросов" in html
    assert 'name="q" value="парк"' in html
    assert "<footer" in html  # the portal's layout, not a bare error


def test_the_search_limit_counts_each_client_address_apart(client, home, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "site_search": (1, 60)}

    def from_address(address):
        return client.get("/search/", {"q": "парк"}, REMOTE_ADDR=address).status_code

    assert [from_address("10.0.0.1"), from_address("10.0.0.1")] == [200, 429]
    assert from_address("10.0.0.2") == 200


def _search_queries(client, query, **params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    search(client, query, **params)  # warm caches shared by every request (site root paths)
    with CaptureQueriesContext(connection) as queries:
        assert search(client, query, **params).status_code == 200
    return len(queries)


def _add_parks(home, news_index, count, prefix):  # prefix: Latin, it names the slugs
    from tests.calendar_pages.factories import FacilityFactory

    for number in range(count):
        NewsPageFactory(parent=news_index, title=f"Парк {prefix} {number}")
        StandardPageFactory(
            parent=home, title=f"Парк-страница {prefix} {number}", slug=f"park-{prefix}-{number}"
        )
        FacilityFactory(name=f"Парк {prefix} {number}")


def test_search_uses_the_same_queries_at_3_and_30_hits_a_section(client, home, news_index):
    from tests.calendar_pages.factories import CalendarIndexPageFactory

    CalendarIndexPageFactory(parent=home)
    _add_parks(home, news_index, 3, "small")
    small = _search_queries(client, "парк")
    _add_parks(home, news_index, 27, "large")
    large = _search_queries(client, "парк")
    assert small == large
    assert large <= 15


def test_search_links_records_to_the_pages_their_models_give(client, home):
    from tests.calendar_pages.factories import CalendarIndexPageFactory, FacilityFactory

    CalendarIndexPageFactory(parent=home)
    facility = FacilityFactory(name="Сквер у моря")
    html = search(client, "сквер").content.decode()
    assert f'href="{facility.get_absolute_url()}"' in html


def test_a_section_of_two_searches_pages_through_every_hit_best_first(client, home, settings):
    from tests.producers.factories import ProducerFactory, ProducerIndexPageFactory, ProductFactory

    settings.PORTAL_PAGE_SIZE = 2
    ProducerIndexPageFactory(parent=home)
    farms = [
        ProducerFactory(name=f"Хозяйство {number}", description="Собираем каштан в горах.")
        for number in range(3)
    ]
    for number in range(3):
        ProductFactory(producer=farms[0], name=f"Каштан {number}")
    titles = []
    for page in (1, 2, 3):
        html = search(client, "каштан", section="producers", page=page).content.decode()
        assert "Производители — 6" in html
        found = re.findall(r'<li class="search-result">\s*<h3>(.*?)</h3>', html, re.S)
        titles += [re.sub(r"<[^>]+>", "", title) for title in found]
    # Products have the word in their name, producers in their description: names rank first.
    assert sorted(titles[:3]) == ["Каштан 0", "Каштан 1", "Каштан 2"]
    assert sorted(titles[3:]) == ["Хозяйство 0", "Хозяйство 1", "Хозяйство 2"]


def test_a_search_writes_nothing(client, news_index):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    NewsPageFactory(parent=news_index, title="Парк у моря")
    # The layout's first view stores the site's settings (Wagtail's for_site); searches after it
    # must not write at all.
    search(client, "парк")
    with CaptureQueriesContext(connection) as queries:
        for params in ({}, {"section": "news"}, {"section": "news", "page": 2}):
            assert search(client, "парк", **params).status_code == 200
    writes = [
        query["sql"]
        for query in queries
        if query["sql"].lstrip().split(None, 1)[0].upper() not in {"SELECT", "WITH"}
    ]
    assert writes == [], "\n".join(writes)


def test_a_section_page_uses_the_same_queries_at_3_and_30_hits(client, home, news_index):
    from tests.calendar_pages.factories import CalendarIndexPageFactory

    CalendarIndexPageFactory(parent=home)
    _add_parks(home, news_index, 3, "small")
    small = _search_queries(client, "парк", section="calendar", page=2)
    _add_parks(home, news_index, 27, "large")
    large = _search_queries(client, "парк", section="calendar", page=2)
    assert small == large
    assert large <= 15
