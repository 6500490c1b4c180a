"""The discussion as pages show it: counts on cards and pages, the Atom feed, the rules page, the
number of queries with a thousand comments, and the anonymous page cache."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from discussion.models import Comment, CommentState
from portal import roles
from portal.public_url import absolute
from tests.discussion.factories import CommentFactory, approved
from tests.projects.factories import ProjectIndexPageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

# The ceiling of every public page (tests/news/test_query_counts.py, tests/projects/...).
MAX_QUERIES = 15
THOUSAND = 1000


@pytest.fixture
def project(home):
    index = ProjectIndexPageFactory(parent=home)
    roles.ensure_roles()
    return ProjectPageFactory(parent=index, title="Сочи помнит")


def a_thousand_comments(page):
    """Half of them top comments, half replies; a few pending ones that the public never sees."""
    top = Comment.objects.bulk_create(
        Comment(page=page, display_name=f"Житель {n}", text=f"Текст {n}", state="approved")
        for n in range(THOUSAND // 2)
    )
    Comment.objects.bulk_create(
        Comment(
            page=page,
            parent=top[n],
            display_name="Сосед",
            text=f"Ответ {n}",
            state=CommentState.PENDING if n % 50 == 0 else CommentState.APPROVED,
        )
        for n in range(THOUSAND // 2)
    )


def test_news_cards_count_published_comments_only(client, home, news_item):
    approved(news_item)
    approved(news_item)
    CommentFactory(page=news_item)  # pending
    for url in ("/news/", "/"):
        assert "2 комментария" in client.get(url).content.decode(), url


def test_replies_under_a_comment_back_in_the_queue_leave_the_counts_and_the_feed(
    client, news_item, reader
):
    reported = approved(news_item, text="Спорный комментарий")
    approved(news_item, parent=reported, text="Ответ под спорным")
    approved(news_item, text="Спокойный комментарий")
    reported.report(by=reader, reason="Не по теме")  # back to the queue, replies hidden with it
    assert "1 комментарий" in client.get("/news/").content.decode()
    page = client.get(news_item.url).content.decode()
    assert "1 комментарий" in page and "Ответ под спорным" not in page
    feed = client.get(f"/discussion/pages/{news_item.pk}/feed/").content.decode()
    assert "Ответ под спорным" not in feed and "Спокойный комментарий" in feed


def test_project_cards_and_page_count_published_comments(client, project):
    for _ in range(5):
        approved(project)
    assert "5 комментариев" in client.get("/projects/").content.decode()
    assert "5 комментариев" in client.get(project.url).content.decode()


def test_the_count_annotation_costs_no_query_per_card(news_index, django_assert_num_queries):
    from news.models import NewsPage
    from tests.factories import NewsPageFactory

    pages = [NewsPageFactory(parent=news_index) for _ in range(3)]
    approved(pages[0])
    with django_assert_num_queries(2):  # the items, their topics
        counts = {page.pk: page.comment_count for page in NewsPage.objects.for_listing()}
    assert counts == {pages[0].pk: 1, pages[1].pk: 0, pages[2].pk: 0}


def test_news_page_with_a_thousand_comments_stays_within_the_page_budget(
    client, news_item, django_assert_max_num_queries
):
    a_thousand_comments(news_item)
    client.get(news_item.url)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(news_item.url)
    html = response.content.decode()
    assert "990 комментариев" in html
    assert html.count('class="comment"') == 50 + 50 - 1  # a page of top comments and replies


def test_project_page_with_a_thousand_comments_stays_within_the_page_budget(
    client, project, django_assert_max_num_queries
):
    a_thousand_comments(project)
    client.get(project.url)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(project.url).status_code == 200


def test_a_signed_in_resident_costs_a_few_more_queries_only(
    client, news_item, author, django_assert_max_num_queries
):
    a_thousand_comments(news_item)
    client.force_login(author)
    client.get(news_item.url)
    with django_assert_max_num_queries(MAX_QUERIES + 6):  # session, user, e-mail, own name
        assert client.get(news_item.url).status_code == 200


def test_the_thread_is_paginated(client, news_item):
    a_thousand_comments(news_item)
    html = client.get(f"{news_item.url}?page=10").content.decode()
    assert "Текст 499" in html
    assert "Текст 0<" not in html


def test_atom_feed_lists_published_comments_with_public_links(client, news_item):
    published = approved(news_item, text="Опубликованный <b>текст</b>", display_name="Ирина")
    CommentFactory(page=news_item, text="Ждёт модерации")
    response = client.get(f"/discussion/pages/{news_item.pk}/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = response.content.decode()
    assert "<name>Ирина</name>" in feed
    assert "Опубликованный &amp;lt;b&amp;gt;текст&amp;lt;/b&amp;gt;" in feed
    assert "Ждёт модерации" not in feed
    assert f"<id>{absolute(f'{news_item.url}#comment-{published.pk}')}</id>" in feed
    page = client.get(news_item.url).content.decode()
    assert f'href="/discussion/pages/{news_item.pk}/feed/"' in page


def test_no_feed_and_no_posting_for_a_page_without_discussion(client, news_index, author):
    assert client.get(f"/discussion/pages/{news_index.pk}/feed/").status_code == 404
    client.force_login(author)
    response = client.post(f"/discussion/pages/{news_index.pk}/comments/", {"text": "Т"})
    assert response.status_code == 404


def test_the_rules_page_lists_the_reasons_for_refusal(client, site_tree):
    html = client.get("/discussion/rules/").content.decode()
    assert "Правила обсуждения" in html
    for reason in ("Реклама или спам", "Персональные данные других людей", "Нарушение закона"):
        assert reason in html


def test_the_editor_closes_discussion_in_the_settings_panel(news_item):
    from news.models import NewsPage

    form_class = NewsPage.get_edit_handler().get_form_class()
    assert "comments_open" in form_class.base_fields


def test_an_anonymous_thread_has_no_form_so_the_page_can_be_shared(news_item):
    from discussion.thread import thread_for

    request = RequestFactory().get(news_item.url)
    request.user = AnonymousUser()
    thread = thread_for(news_item, request)
    assert thread.form is None
    assert thread.refusal.status == 403
