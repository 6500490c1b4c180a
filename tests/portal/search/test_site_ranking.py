"""Site search ranks what people mean: a title over a lead over a body, on SQLite and PostgreSQL,
pages and records alike; results grouped by section with counts; snippets are the passage that
matched (portal.search.site, portal.search.sqlite, the boosts in portal.search.backend)."""

import re

import pytest
from django.db import connection
from wagtail.models import Page

from portal.search.backend import BODY_BOOST, LEAD_BOOST, TITLE_BOOST
from tests.factories import NewsPageFactory, StandardPageFactory
from tests.producers.factories import ProducerFactory, ProducerIndexPageFactory
from tests.projects.factories import ProjectIndexPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

FILLER = (
    "Работы вели подрядчики по муниципальному контракту, приёмку провела комиссия администрации. "
    "Жители района давно просили обновить покрытие, освещение и малые архитектурные формы. "
)


def paragraphs(*texts):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]


def search(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def group_headings(html):
    return re.findall(r'<h2 id="search-group-[^"]+">([^<]+)</h2>', html)


def result_titles(html):
    titles = re.findall(r'<li class="search-result">\s*<h3>(.*?)</h3>', html, re.S)
    return [re.sub(r"<[^>]+>", "", title) for title in titles]


def snippets(html):
    return re.findall(r'<p class="search-result__snippet">(.*?)</p>', html, re.S)


@pytest.fixture
def embankment(home, news_index):
    """Ten short pages that mention «набережная» in their body, some of them three times, and a
    long news item that has it in its title only (the report: the item came 12th)."""
    for number in range(10):
        StandardPageFactory(
            parent=home,
            title=f"Справка {number}",
            intro="Справочная страница.",
            body=paragraphs("Гуляйте по набережной. Набережная открыта, на набережной чисто."),
        )
    return NewsPageFactory(
        parent=news_index,
        title="Открыт новый участок набережной в Лазаревском",
        lead="После реконструкции жители получили удобный пешеходный маршрут вдоль моря.",
        body=paragraphs(*[FILLER] * 12),
    )


def test_a_title_hit_ranks_first_against_ten_body_mentions(embankment):
    ranked = Page.objects.live().search("набережной")
    assert [page.pk for page in ranked][:1] == [embankment.pk]


def test_the_search_page_shows_the_title_hit_first_in_the_first_group(client, embankment):
    html = search(client, "набережной")
    assert group_headings(html) == ["Новости — 1", "Страницы — 10"]
    assert result_titles(html)[0] == embankment.title


def test_a_lead_hit_ranks_above_body_hits(home):
    in_body = [
        StandardPageFactory(
            parent=home,
            title=f"Справка {number}",
            intro="Справочная страница.",
            body=paragraphs("В сквере высадили каштаны.", FILLER),
        )
        for number in range(3)
    ]
    in_lead = StandardPageFactory(
        parent=home,
        title="Благоустройство",
        intro="Новый сквер у моря открыт для жителей.",
        body=paragraphs(FILLER, FILLER),
    )
    ranked = [page.pk for page in Page.objects.live().search("сквер")]
    assert ranked[0] == in_lead.pk
    assert set(ranked[1:]) == {page.pk for page in in_body}


@pytest.fixture
def projects_query(home, news_index):
    """«проектов»: the projects section by its title, two passports, a news item and five
    producers of the project «Выбирай сочинское!» (which came first before)."""
    index = ProjectIndexPageFactory(parent=home)
    ProjectPageFactory(
        parent=index, title="Сочиняй смыслы", goals="<p>Конкурс молодёжных проектов.</p>"
    )
    ProjectPageFactory(
        parent=index, title="Сочи помнит", goals="<p>Память о героях в каждом из проектов.</p>"
    )
    NewsPageFactory(
        parent=news_index,
        title="Заседание комитета",
        lead="Комитет рассмотрел паспорта проектов.",
    )
    ProducerIndexPageFactory(parent=home)
    for number in range(5):
        ProducerFactory(
            name=f"Сыроварня {number}",
            description="Местный производитель, участник проекта «Выбирай сочинское!».",
        )
    return index


def test_the_projects_group_comes_first_for_projects(client, projects_query):
    html = search(client, "проектов")
    headings = group_headings(html)
    assert headings[0] == "Проекты — 3"
    assert "Производители — 5" in headings
    assert headings.index("Проекты — 3") < headings.index("Производители — 5")
    assert result_titles(html)[0] == "Муниципальные проекты"


def test_each_group_has_its_count_and_a_link_to_its_section(client, projects_query):
    html = search(client, "проектов")
    assert "Найдено 10 результатов по запросу «проектов»" in html
    assert set(group_headings(html)) == {
        "Проекты — 3",
        "Производители — 5",
        "Новости — 1",
        "Страницы — 1",  # the home page: «Сочи — город проектов»
    }
    # At most three results a group on the first screen, then a link to the rest.
    assert len(result_titles(html)) == 3 + 3 + 1 + 1
    assert "section=producers" in html
    assert "Все результаты раздела «Производители» (5)" in html
    assert "Все результаты раздела «Проекты»" not in html  # all three are shown


def test_a_section_shows_only_its_results_paginated(client, projects_query, settings):
    settings.PORTAL_PAGE_SIZE = 2
    first = search(client, "проектов", section="producers")
    assert group_headings(first) == ["Производители — 5"]
    assert len(result_titles(first)) == 2
    assert "page=3" in first
    assert 'aria-current="page">Производители — 5<' in first
    assert "section=projects" in first  # the other sections stay one click away
    last = search(client, "проектов", section="producers", page=3)
    assert len(result_titles(last)) == 1
    assert 'start="5"' in last


def test_an_empty_section_says_so(client, projects_query):
    html = search(client, "проектов", section="shelter")
    assert "В этом разделе по запросу «проектов» ничего не найдено" in html
    assert "Проекты — 3" in html


@pytest.mark.parametrize("section", ["secret", "news' OR 1=1", "²"])
def test_an_unknown_section_is_a_polite_400(client, home, section):
    response = client.get("/search/", {"q": "парк", "section": section})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Такого раздела в результатах поиска нет" in html
    assert 'name="q" value="парк"' in html


def test_a_record_does_not_outrank_a_page_title(client, home, news_index):
    ProducerIndexPageFactory(parent=home)
    ProducerFactory(name="Чайная плантация", description="Сочинский чай с плантаций Мацесты.")
    NewsPageFactory(parent=news_index, title="Чай Мацесты на ярмарке", lead="Дегустация.")
    html = search(client, "Мацеста")
    assert group_headings(html)[0] == "Новости — 1"


def test_the_snippet_is_the_passage_that_matched_not_the_title(client, news_index):
    NewsPageFactory(
        parent=news_index,
        title="Обновлённый сквер на Виноградной",
        lead="Работы завершены раньше срока.",
        body=paragraphs(
            FILLER * 3, "Вдоль аллеи установили кормушки для белок и птиц.", FILLER * 2
        ),
    )
    [snippet] = snippets(search(client, "кормушка"))
    assert snippet.startswith("… Вдоль аллеи установили <mark>кормушки</mark> для белок и птиц.")
    assert "сквер" not in snippet.casefold()
    assert len(re.findall(r"\w+", re.sub(r"<[^>]+>", "", snippet))) == 30
    assert snippet.endswith(" …")


def test_the_lead_gives_the_snippet_when_only_the_title_matches(client, news_index):
    NewsPageFactory(
        parent=news_index,
        title="Ярмарка выходного дня",
        lead="Сочинские фермеры привезут мёд, сыр и цитрусовые.",
        body=paragraphs(FILLER),
    )
    [snippet] = snippets(search(client, "ярмарки"))
    assert snippet == "Сочинские фермеры привезут мёд, сыр и цитрусовые."


def test_a_summary_that_repeats_the_title_is_not_the_snippet(client, home):
    index = ProjectIndexPageFactory(parent=home)
    ProjectPageFactory(
        parent=index, title="Цифровая школа", goals="<p>Компьютерные классы в каждой школе.</p>"
    )
    html = search(client, "цифровая школа")
    [snippet] = snippets(html)
    assert "Цифровая школа" not in re.sub(r"</?mark>", "", snippet)
    assert "Компьютерные классы в каждой <mark>школе</mark>" in snippet


def test_a_record_snippet_leaves_out_the_name_its_text_starts_with(client, home):
    ProducerIndexPageFactory(parent=home)
    ProducerFactory(
        name="Пасека Гулиевых",
        description="Пасека Гулиевых: каштановый и липовый мёд с гор Хосты.",
    )
    [snippet] = snippets(search(client, "пасека"))
    assert snippet == "Каштановый и липовый мёд с гор Хосты."


def test_the_snippet_escapes_html(client, news_index):
    NewsPageFactory(
        parent=news_index,
        title="Отчёт",
        lead='Кошка <script>alert("x")</script> & <b>собака</b>',
    )
    html = search(client, "кошка")
    [snippet] = snippets(html)
    assert "<script>alert" not in html
    assert snippet == (
        "<mark>Кошка</mark> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
        "&lt;b&gt;собака&lt;/b&gt;"
    )


def test_grouped_search_page_queries_do_not_grow_with_the_hits(client, projects_query):
    from django.test.utils import CaptureQueriesContext

    from tests.calendar_pages.factories import CalendarIndexPageFactory, FacilityFactory
    from tests.shelter.factories import PetFactory, ShelterIndexPageFactory

    home = projects_query.get_parent().specific
    ShelterIndexPageFactory(parent=home)
    CalendarIndexPageFactory(parent=home)

    def add_records(count):
        for _ in range(count):
            PetFactory(name="Проект", description="Ласковый.")
            FacilityFactory(name="Школа по проекту")

    def queries(**params):
        with CaptureQueriesContext(connection) as context:
            search(client, "проектов", **params)
        return len(context.captured_queries)

    add_records(4)
    search(client, "проектов")  # caches filled (site root paths, settings)
    few = queries()
    add_records(20)
    assert queries() == few <= 35
    # A section's page fetches what it shows: each record's address costs a query or two.
    assert queries(section="shelter") <= 30
    assert queries(section="calendar", page=2) <= 40


def test_boosts_become_the_postgresql_weights_ten_three_one():
    """modelsearch spreads the project's distinct boosts over the tsvector weights A–D; a fifth
    boost anywhere would squeeze the lead down to the body's weight."""
    from modelsearch.backends.database.postgres.weights import determine_boosts_weights

    weights = dict(determine_boosts_weights())
    assert weights[TITLE_BOOST] == "A"
    assert weights[LEAD_BOOST] == "B"
    assert weights[BODY_BOOST] == "D"
    assert len(weights) == 4


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite FTS index")
def test_sqlite_index_puts_names_in_the_title_and_weighs_the_lead(home):
    from modelsearch.backends.database.sqlite.sqlite import IndexEntry

    from portal.search.backend import stem_text
    from tests.shelter.factories import PetFactory

    pet = PetFactory(name="Бублик", breed="такса", description="Любит гулять.")
    entry = IndexEntry.objects.get(object_id=str(pet.pk), content_type__model="pet")
    assert entry.title == stem_text("Бублик")
    assert entry.body.split().count(stem_text("такса")) == LEAD_BOOST
    assert entry.body.split().count(stem_text("гулять")) == BODY_BOOST
