"""/api/v1/news/: the news list's items, filters and pages, each item as its page shows it, and
nothing that is not published."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from news.models import NewsPage, NewsPageRelatedPage
from tests.factories import ImageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

QUERIES = ["", "?tag=ekologiia", "?year=2025", "?year=2026&tag=ekologiia", "?page=2"]
LIST_KEYS = {
    "id",
    "url",
    "title",
    "date",
    "lead",
    "topics",
    "image",
    "first_published_at",
    "last_published_at",
}


@pytest.fixture
def news(news_index, settings):
    settings.PORTAL_PAGE_SIZE = 4
    items = [
        NewsPageFactory(
            parent=news_index,
            date=datetime.date(2026, 11, 1) - datetime.timedelta(days=40 * number),
            tags=["Экология"] if number % 2 else ["Образование"],
        )
        for number in range(12)
    ]
    return items


@pytest.mark.parametrize("query", QUERIES)
def test_the_list_is_the_news_list(client, news, query):
    page = client.get(f"/news/{query}")
    api = client.get(f"/api/v1/news/{query}")
    assert page.status_code == api.status_code == 200
    data = api.json()
    html = page.context["news_page"]
    assert (data["count"], data["page"], data["pages"]) == (
        html.paginator.count,
        html.number,
        html.paginator.num_pages,
    )
    assert [row["id"] for row in data["results"]] == [item.pk for item in html.object_list]


def test_the_list_is_newest_first_and_links_its_pages(client, news):
    data = client.get("/api/v1/news/?tag=ekologiia").json()
    dates = [row["date"] for row in data["results"]]
    assert dates == sorted(dates, reverse=True)
    assert data["previous"] is None
    assert data["next"] == "http://testserver/api/v1/news/?tag=ekologiia&page=2"


def test_unpublished_private_and_scheduled_items_are_neither_listed_nor_served(client, news_index):
    shown = NewsPageFactory(parent=news_index, title="Опубликованная")
    draft = NewsPageFactory(parent=news_index, title="Черновик", live=False)
    unpublished = NewsPageFactory(parent=news_index, title="Снятая с публикации")
    unpublished.unpublish()
    private = NewsPageFactory(parent=news_index, title="Для своих")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    scheduled = NewsPageFactory(parent=news_index, title="Запланированная", live=False)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=3)
    scheduled.save_revision().publish()
    scheduled.refresh_from_db()
    assert not scheduled.live

    listed = {row["id"] for row in client.get("/api/v1/news/").json()["results"]}
    assert listed == {shown.pk}
    for item in (draft, unpublished, private, scheduled):
        assert client.get(f"/api/v1/news/{item.pk}/").status_code == 404
    text = client.get("/api/v1/news/").content.decode()
    for title in ("Черновик", "Снятая", "Для своих", "Запланированная"):
        assert title not in text


def test_a_live_item_shows_its_published_version_not_a_draft_or_a_scheduled_one(client, news_index):
    item = NewsPageFactory(parent=news_index, title="Как опубликовано")
    item.save_revision().publish()
    item.title = "Черновик правки"
    item.save_revision()
    later = NewsPage.objects.get(pk=item.pk)
    later.title = "Запланированная правка"
    later.go_live_at = timezone.now() + datetime.timedelta(days=3)
    later.save_revision().publish()
    data = client.get(f"/api/v1/news/{item.pk}/").json()
    assert data["title"] == "Как опубликовано"
    assert [row["title"] for row in client.get("/api/v1/news/").json()["results"]] == [
        "Как опубликовано"
    ]


def test_items_under_a_private_section_are_not_served(client, news_index):
    item = NewsPageFactory(parent=news_index)
    PageViewRestriction.objects.create(page=news_index, restriction_type="password", password="x")
    assert client.get("/api/v1/news/").json()["count"] == 0
    assert client.get(f"/api/v1/news/{item.pk}/").status_code == 404


def test_a_record_has_only_its_public_fields(client, news_index):
    item = NewsPageFactory(parent=news_index, main_image=ImageFactory(), tags=["Экология"])
    (row,) = client.get("/api/v1/news/").json()["results"]
    assert set(row) == LIST_KEYS
    detail = client.get(f"/api/v1/news/{item.pk}/").json()
    assert set(detail) == LIST_KEYS | {"body", "related"}
    assert detail["topics"] == [{"slug": "ekologiia", "name": "Экология"}]
    assert detail["image"]["url"].startswith("http://") and detail["image"]["width"] <= 1200
    for private in ("owner", "locked", "latest_revision", "content_type", "draft_title"):
        assert private not in client.get(f"/api/v1/news/{item.pk}/").content.decode()


def test_the_body_is_the_pages_html_with_public_addresses(client, news_index, home):
    other = NewsPageFactory(parent=news_index, title="Другая новость")
    hidden = NewsPageFactory(parent=news_index, title="Скрытая", live=False)
    body = [
        {"type": "heading", "value": {"text": "Итоги", "level": "h2"}},
        {
            "type": "paragraph",
            "value": f'<p>См. <a linktype="page" id="{other.pk}">новость</a>.</p>',
        },
    ]
    item = NewsPageFactory(parent=news_index, body=body)
    for related in (other, hidden):
        NewsPageRelatedPage.objects.create(page=item, related_page=related)
    data = client.get(f"/api/v1/news/{item.pk}/").json()
    assert "<h2>Итоги</h2>" in data["body"]
    assert f'href="http://testserver{other.url}"' in data["body"]
    assert 'linktype="page"' not in data["body"]
    assert data["related"] == [{"title": "Другая новость", "url": f"http://testserver{other.url}"}]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?year=20x6", "Укажите год четырьмя цифрами, например 2026."),
        ("?year=1812", "Укажите год четырьмя цифрами, например 2026."),
        ("?page=0", "Укажите номер страницы или уберите ?page= из адреса."),
    ],
)
def test_refused_parameters_answer_400_in_russian(client, news, query, message):
    response = client.get(f"/api/v1/news/{query}")
    assert response.status_code == 400
    assert response.json() == {"errors": [message]}


def test_an_unknown_item_is_404_in_json(client, news):
    for address in ("/api/v1/news/999999/", "/api/v1/news/abc/"):
        response = client.get(address)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"


def test_the_list_is_dated_by_its_latest_publication_and_answers_304(client, news):
    for item in news:
        item.save_revision().publish()
    response = client.get("/api/v1/news/?tag=ekologiia")
    shown = [row["id"] for row in response.json()["results"]]
    newest = max(NewsPage.objects.filter(pk__in=shown).values_list("last_published_at", flat=True))
    assert response["Last-Modified"]
    modified = response["Last-Modified"]
    assert datetime.datetime.strptime(modified, "%a, %d %b %Y %H:%M:%S GMT").replace(
        tzinfo=datetime.UTC
    ) == newest.replace(microsecond=0)
    again = client.get("/api/v1/news/?tag=ekologiia", HTTP_IF_MODIFIED_SINCE=modified)
    assert again.status_code == 304
