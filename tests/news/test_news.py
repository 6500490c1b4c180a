import datetime
from xml.etree import ElementTree

import pytest

from news.models import NewsPageRelatedPage
from tests.factories import ImageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def test_news_item_shows_date_lead_body_and_topics(client, news_index):
    item = NewsPageFactory(
        parent=news_index,
        title="Открылась ярмарка",
        date=datetime.date(2026, 3, 8),
        lead="В Адлерском районе открылась муниципальная ярмарка.",
        body=[
            {"type": "paragraph", "value": "<p>Торговые места получили 40 фермеров.</p>"},
            {
                "type": "quote",
                "value": {"text": "Ярмарка работает по выходным.", "author": "организатор"},
            },
            {
                "type": "video",
                "value": {
                    "url": "https://rutube.ru/video/1/",
                    "title": "Репортаж",
                    "duration": "3:10",
                },
            },
        ],
        tags=["Потребительский рынок"],
    )
    html = client.get(item.url).content.decode()
    assert "8 марта 2026" in html
    assert "Торговые места получили 40 фермеров." in html
    assert "Ярмарка работает по выходным." in html
    assert 'href="https://rutube.ru/video/1/"' in html
    assert "Потребительский рынок" in html


def test_news_item_has_open_graph_tags(client, news_index):
    item = NewsPageFactory(parent=news_index, title="Новая школа", main_image=ImageFactory())
    html = client.get(item.url).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Новая школа">' in html
    assert 'property="og:image" content="http://testserver/media/images/' in html
    assert '<meta property="og:description" content="Краткое содержание новости.">' in html


def test_related_pages_are_linked_but_drafts_are_not(client, news_index):
    published = NewsPageFactory(parent=news_index, title="Связанная опубликованная")
    draft = NewsPageFactory(parent=news_index, title="Связанный черновик", live=False)
    item = NewsPageFactory(parent=news_index, title="Главная новость")
    NewsPageRelatedPage.objects.create(page=item, related_page=published, sort_order=0)
    NewsPageRelatedPage.objects.create(page=item, related_page=draft, sort_order=1)
    html = client.get(item.url).content.decode()
    assert published.title in html and draft.title not in html


class TestNewsList:
    def test_lists_live_news_newest_first(self, client, news_index):
        NewsPageFactory(parent=news_index, title="Январская", date=datetime.date(2026, 1, 5))
        NewsPageFactory(parent=news_index, title="Ноябрьская", date=datetime.date(2026, 11, 5))
        NewsPageFactory(parent=news_index, title="Черновая", live=False)
        html = client.get("/news/").content.decode()
        assert html.index("Ноябрьская") < html.index("Январская")
        assert "Черновая" not in html
        assert "2 новости" in html

    def test_paginates_and_keeps_filters_in_page_links(self, client, news_index, settings):
        settings.PORTAL_PAGE_SIZE = 2
        for number in range(5):
            NewsPageFactory(parent=news_index, title=f"Экология {number}", tags=["Экология"])
        first = client.get("/news/?tag=ekologiia").content.decode()
        assert "?tag=ekologiia&amp;page=2" in first
        third = client.get("/news/?tag=ekologiia&page=3").content.decode()
        assert "Экология 4" in third and "Экология 0" not in third

    def test_page_number_out_of_range_shows_the_last_page(self, client, news_index, settings):
        settings.PORTAL_PAGE_SIZE = 2
        for number in range(3):
            NewsPageFactory(parent=news_index, title=f"Новость про парк {number}")
        response = client.get("/news/?page=999")
        assert response.status_code == 200
        assert "Новость про парк 2" in response.content.decode()

    def test_filters_by_topic(self, client, news_index):
        NewsPageFactory(parent=news_index, title="Про школы", tags=["Образование"])
        NewsPageFactory(parent=news_index, title="Про приют", tags=["Животные"])
        html = client.get("/news/?tag=obrazovanie").content.decode()
        assert "Про школы" in html and "Про приют" not in html

    def test_filters_by_year(self, client, news_index):
        NewsPageFactory(parent=news_index, title="Прошлогодняя", date=datetime.date(2025, 6, 1))
        NewsPageFactory(parent=news_index, title="Нынешняя", date=datetime.date(2026, 6, 1))
        html = client.get("/news/?year=2025").content.decode()
        assert "Прошлогодняя" in html and "Нынешняя" not in html
        assert '<option value="2026"' in html and '<option value="2025" selected' in html

    @pytest.mark.parametrize("year", ["двадцать", "20x5", "99999"])
    def test_bad_year_is_a_russian_400(self, client, news_index, year):
        response = client.get(f"/news/?year={year}")
        assert response.status_code == 400
        assert "Не удалось применить фильтр" in response.content.decode()

    def test_topic_counts_ignore_drafts(self, client, news_index):
        NewsPageFactory(parent=news_index, tags=["Экология"])
        NewsPageFactory(parent=news_index, tags=["Экология"])
        NewsPageFactory(parent=news_index, tags=["Экология"], live=False)
        html = client.get("/news/").content.decode()
        assert 'value="ekologiia"> <span>Экология <span class="facet__count">(2)</span>' in html


class TestFeeds:
    def test_rss_lists_live_news_with_absolute_links(self, client, news_index):
        NewsPageFactory(parent=news_index, title="Для ленты", slug="dlya-lenty")
        NewsPageFactory(parent=news_index, title="Не для ленты", live=False)
        response = client.get("/news/feed/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/rss+xml")
        channel = ElementTree.fromstring(response.content).find("channel")
        items = channel.findall("item")
        assert [item.findtext("title") for item in items] == ["Для ленты"]
        assert items[0].findtext("link") == "http://testserver/news/dlya-lenty/"

    def test_atom_feed(self, client, news_index):
        NewsPageFactory(parent=news_index, title="Атом")
        response = client.get("/news/feed/atom/")
        assert response["Content-Type"].startswith("application/atom+xml")
        feed = ElementTree.fromstring(response.content)
        entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
        assert [entry.findtext("{http://www.w3.org/2005/Atom}title") for entry in entries] == [
            "Атом"
        ]


def test_sidebar_follows_news_changes(client, news_index):
    item = NewsPageFactory(parent=news_index, date=datetime.date(2024, 5, 1), tags=["Экология"])
    assert '<option value="2024"' in client.get("/news/").content.decode()
    item.unpublish()
    html = client.get("/news/").content.decode()
    assert '<option value="2024"' not in html and "Экология (" not in html
