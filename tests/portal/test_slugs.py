"""Pages get Latin addresses: the admin fills them in Latin letters, and the server transliterates
an empty or Cyrillic slug the same way (portal.slugs)."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from news.models import NewsPage
from portal.slugs import latin_slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        # Demo projects: the style editors' pages follow.
        ("Открытая администрация", "otkrytaya-administraciya"),
        ("Адаптация служащих", "adaptaciya-sluzhashchih"),
        ("Цифровая школа", "cifrovaya-shkola"),
        ("Здоровый сочинец", "zdorovyy-sochinec"),
        ("Зелёный город", "zelenyy-gorod"),
        ("Освещённые улицы", "osveshchennye-ulicy"),
        ("Молодёжный совет", "molodezhnyy-sovet"),
        ("Сочиняй смыслы", "sochinyay-smysly"),
        ("Лучший орган ТОС", "luchshiy-organ-tos"),
        ("Нестационарная торговля", "nestacionarnaya-torgovlya"),
        # What the admin's slug field made of this title in Chromium (the same table).
        (
            "Щедрый урожай хурмы в Хосте: ёлки и йогурт",
            "shchedryy-urozhay-hurmy-v-hoste-elki-i-yogurt",
        ),
        # Digits, Latin, punctuation, «ъ» and «ь», other scripts.
        ("«Выбирай сочинское!» — 2026", "vybiray-sochinskoe-2026"),
        ("Подъезд и объявления", "podezd-i-obyavleniya"),
        ("Café Сочи", "cafe-sochi"),
        ("Эко-тропы: Хоста", "eko-tropy-hosta"),
        ("", ""),
    ],
)
def test_latin_slug(title, slug):
    assert latin_slug(title) == slug


def test_latin_slug_fits_a_page_slug():
    assert len(latin_slug("Щука " * 100)) <= 255


def test_admin_is_told_not_to_allow_unicode_slugs():
    assert settings.WAGTAIL_ALLOW_UNICODE_SLUGS is False


def news_form(title, slug):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2026-11-20",
            "lead": "Анонс новости.",
            "tags": "",
            "body": streamfield([]),
            "related_pages": {
                "TOTAL_FORMS": 0,
                "INITIAL_FORMS": 0,
                "MIN_NUM_FORMS": 0,
                "MAX_NUM_FORMS": 1000,
            },
        }
    )


@pytest.fixture
def add_news(client, admin_user, news_index):
    client.force_login(admin_user)
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", news_index.pk))

    def add(title, slug):
        response = client.post(url, {**news_form(title, slug), "action-publish": "1"})
        assert response.status_code == 302, response.context["form"].errors
        return NewsPage.objects.filter(title=title).latest("pk")

    return add


@pytest.mark.django_db
def test_news_added_without_a_slug_gets_a_latin_one(add_news, client):
    page = add_news("Обучение сотрудников проектному управлению", "")
    assert page.slug == "obuchenie-sotrudnikov-proektnomu-upravleniyu"
    assert client.get("/news/obuchenie-sotrudnikov-proektnomu-upravleniyu/").status_code == 200


@pytest.mark.django_db
def test_news_added_with_a_cyrillic_slug_gets_it_transliterated(add_news):
    page = add_news("Субботник на набережной", "субботник-на-набережной")
    assert page.slug == "subbotnik-na-naberezhnoy"
    assert page.url == "/news/subbotnik-na-naberezhnoy/"


@pytest.mark.django_db
def test_second_page_with_the_same_title_gets_a_numbered_slug(add_news):
    first = add_news("Ярмарка в Адлере", "")
    second = add_news("Ярмарка в Адлере", "")
    assert (first.slug, second.slug) == ("yarmarka-v-adlere", "yarmarka-v-adlere-2")


@pytest.mark.django_db
def test_admin_slug_field_transliterates_with_the_same_table(client, admin_user, news_index):
    client.force_login(admin_user)
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", news_index.pk))
    html = client.get(url).content.decode()
    assert 'data-w-slug-allow-unicode-value="True"' not in html  # False: the attribute is left out
    assert "data-w-slug-formatters-value=" in html and "shch" in html


@pytest.mark.django_db
def test_page_created_in_code_with_a_cyrillic_title_gets_a_latin_slug(news_index):
    page = news_index.add_child(
        instance=NewsPage(title="Итоги года: 2026", date=datetime.date(2026, 12, 1), lead="Итоги.")
    )
    other = news_index.add_child(
        instance=NewsPage(title="Сквер", slug="сквер", date=datetime.date(2026, 12, 1), lead="—")
    )
    assert page.slug == "itogi-goda-2026"
    assert other.slug == "skver"
