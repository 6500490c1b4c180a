"""Phone-first layout in the HTML: the menu behind «Меню», the current page as the last crumb,
news cards without a picture, the heading levels of the directory."""

import re

import pytest
from wagtail.models import Page, Site

from portal.templatetags import portal_tags
from tests.contest.factories import (
    ContestIndexPageFactory,
    ContestPageFactory,
    accepted_entry,
)
from tests.factories import ImageFactory, NewsPageFactory
from tests.producers.factories import FairFactory, ProducerFactory, ProducerIndexPageFactory
from tests.shelter.factories import PetFactory, ShelterIndexPageFactory

pytestmark = pytest.mark.django_db


def crumbs(html):
    """The breadcrumbs as (text, link or None for the current page) pairs."""
    trail = html[html.index('<nav class="container breadcrumbs"') :]
    trail = trail[: trail.index("</nav>")]
    items = re.findall(r"<li( aria-current=\"page\")?>(.*?)</li>", trail, re.S)
    found = []
    for current, item in items:
        link = re.match(r'<a href="([^"]*)">(.*)</a>', item.strip())
        found.append((item.strip(), None) if current else (link.group(2), link.group(1)))
    return found


def test_the_main_menu_opens_from_a_menu_button_without_javascript(client, home):
    html = client.get("/").content.decode()
    menu = html[html.index('<nav class="main-nav"') :]
    menu = menu[: menu.index("</nav>")]
    disclosure = (
        r'<details class="main-nav__menu">\s*<summary class="main-nav__toggle">Меню</summary>'
    )
    assert re.search(disclosure + r"\s*<ul", menu)
    assert "<script" not in menu


class TestBreadcrumbsEndWithTheCurrentPage:
    def test_a_section_page(self, client, news_index):
        assert crumbs(client.get("/news/").content.decode()) == [
            ("Главная", "/"),
            ("Новости", None),
        ]

    def test_a_pet(self, client, home):
        ShelterIndexPageFactory(parent=home)
        pet = PetFactory(name="Ушастик")
        html = client.get(f"/shelter/pets/{pet.pk}/").content.decode()
        assert crumbs(html) == [
            ("Главная", "/"),
            ("Приют: найди друга", "/shelter/"),
            ("Ушастик", None),
        ]

    def test_favourites(self, client, home):
        ShelterIndexPageFactory(parent=home)
        html = client.get("/shelter/favourites/").content.decode()
        assert crumbs(html)[-2:] == [("Приют: найди друга", "/shelter/"), ("Избранное", None)]

    def test_contest_results(self, client, home):
        index = ContestIndexPageFactory(parent=home)
        ContestPageFactory(parent=index, slug="2026", title="Конкурс 2026")
        html = client.get("/tos-contest/2026/results/").content.decode()
        assert crumbs(html) == [
            ("Главная", "/"),
            ("Лучший орган ТОС", "/tos-contest/"),
            ("Конкурс 2026", "/tos-contest/2026/"),
            ("Итоги", None),
        ]

    def test_a_news_item_and_a_contest_entry_page(self, client, news_index, home):
        item = NewsPageFactory(parent=news_index, title="Парк открыт")
        assert crumbs(client.get(item.url).content.decode()) == [
            ("Главная", "/"),
            ("Новости", "/news/"),
            ("Парк открыт", None),
        ]
        contest = ContestPageFactory(
            parent=ContestIndexPageFactory(parent=home), slug="2026", title="Конкурс 2026"
        )
        entry = accepted_entry(contest)
        assert crumbs(client.get(entry.url).content.decode()) == [
            ("Главная", "/"),
            ("Лучший орган ТОС", "/tos-contest/"),
            ("Конкурс 2026", "/tos-contest/2026/"),
            (entry.title, None),
        ]

    def test_a_routed_page_knows_its_ancestors_without_a_query(
        self, rf, news_index, django_assert_num_queries
    ):
        item = NewsPageFactory(parent=news_index)
        routed = Site.objects.get(is_default_site=True).root_page.specific.route(
            rf.get(item.url), ["news", item.slug]
        )[0]
        with django_assert_num_queries(0):
            ancestors = list(portal_tags.crumbs(routed))
        assert [page.pk for page in ancestors] == [p.pk for p in item.get_ancestors()[1:]]
        # A page that was not routed (a preview, a shell) asks the tree.
        fetched = Page.objects.get(pk=item.pk)
        assert [page.pk for page in portal_tags.crumbs(fetched)] == [p.pk for p in ancestors]

    def test_a_fair_under_the_fair_list(self, client, home):
        ProducerIndexPageFactory(parent=home)
        fair = FairFactory(name="Фермерский дворик")
        html = client.get(f"/producers/fairs/{fair.slug}/").content.decode()
        assert crumbs(html)[-3:] == [
            ("Выбирай сочинское!", "/producers/"),
            ("Ярмарки", "/producers/fairs/"),
            ("Фермерский дворик", None),
        ]


def test_a_news_card_without_a_picture_gives_its_text_the_whole_card(client, news_index):
    NewsPageFactory(parent=news_index, title="С картинкой", main_image=ImageFactory())
    NewsPageFactory(parent=news_index, title="Без картинки", main_image=None)
    html = client.get("/news/").content.decode()
    cards = re.findall(r'<article class="([^"]*)">\s*(<img)?', html)
    assert sorted(cards) == [("card", ""), ("card card--with-image", "<img")]


def test_directory_cards_are_headings_right_under_the_page_title(client, home):
    ProducerIndexPageFactory(parent=home)
    ProducerFactory(name="Пасека")
    html = client.get("/producers/").content.decode()
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", html[: html.index("<footer")])]
    assert levels[0] == 1
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:], strict=False))
    assert '<h2 class="producer-card__title">' in html
