import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import HomePage, StandardPage
from news.models import NewsIndexPage, NewsPage
from tests.factories import NewsPageFactory, StandardPageFactory, build_site

pytestmark = pytest.mark.django_db


class TestPageTreeRules(WagtailPageTestCase):
    def test_home_page_sits_only_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_standard_pages_nest_under_home_and_each_other(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(NewsIndexPage, StandardPage)

    def test_news_lives_only_in_the_news_index(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedSubpageTypes(NewsPage, {})
        self.assertCanCreateAt(HomePage, NewsIndexPage)

    def test_an_editor_form_creates_a_standard_page(self):
        home, _ = build_site()
        self.login()
        data = nested_form_data(
            {
                "title": "О проекте",
                "slug": "o-proekte",
                "intro": "Коротко о проекте.",
                "body": streamfield([("paragraph", rich_text("<p>Подробности.</p>"))]),
            }
        )
        self.assertCanCreate(home, StandardPage, data)
        page = StandardPage.objects.get(slug="o-proekte")
        assert page.intro == "Коротко о проекте."


def test_there_is_only_one_home_page(home):
    assert not HomePage.can_create_at(Page.get_first_root_node())


class TestHomePage:
    def test_shows_hero_and_latest_news_newest_first(self, client, news_index):
        older = NewsPageFactory(parent=news_index, title="Старая новость", date="2026-01-10")
        newer = NewsPageFactory(parent=news_index, title="Свежая новость", date="2026-11-20")
        html = client.get("/").content.decode()
        assert "Сочи — город проектов" in html
        assert html.index(newer.title) < html.index(older.title)

    def test_draft_news_is_not_on_the_home_page(self, client, news_index):
        draft = NewsPageFactory(parent=news_index, title="Черновик новости", live=False)
        assert draft.title not in client.get("/").content.decode()

    def test_speaks_russian(self, client, home):
        html = client.get("/").content.decode()
        assert 'lang="ru"' in html
        assert "Последние новости" in html
        assert "Версия для слабовидящих" in html
        assert "Перейти к основному содержанию" in html

    def test_has_landmarks_and_skip_link(self, client, home):
        html = client.get("/").content.decode()
        for landmark in ("<header", '<main id="main"', "<footer", "<nav"):
            assert landmark in html
        assert 'href="#main"' in html

    def test_standard_page_renders_its_body(self, client, home):
        page = StandardPageFactory(
            parent=home,
            title="Контакты",
            slug="contacts",
            body=[{"type": "paragraph", "value": "<p>Улица Советская, 26</p>"}],
        )
        response = client.get(page.url)
        assert response.status_code == 200
        assert "Улица Советская, 26" in response.content.decode()

    def test_unknown_page_is_a_russian_404(self, client, home):
        response = client.get("/net-takoi-stranicy/")
        assert response.status_code == 404
        assert "Страница не найдена" in response.content.decode()
