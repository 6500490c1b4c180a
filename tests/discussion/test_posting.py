"""Who may post, what a comment may be, replies one level deep, reports, closed discussion and
the rate limits."""

import pytest

from discussion.models import Comment, CommentReport, CommentState
from tests.accounts.factories import make_user
from tests.discussion.factories import approved, resident
from tests.discussion.test_lifecycle import post

pytestmark = pytest.mark.django_db


def test_an_anonymous_visitor_is_sent_to_sign_in_and_the_page_says_so(client, news_item):
    response = post(client, news_item)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    page = client.get(news_item.url).content.decode()
    assert "Войдите, чтобы участвовать в обсуждении." in page
    assert 'name="text"' not in page
    assert not Comment.objects.exists()


def test_an_account_without_a_confirmed_email_may_not_post(client, news_item):
    client.force_login(make_user("unconfirmed", email_verified=False))
    response = post(client, news_item)
    assert response.status_code == 403
    assert "Подтвердите адрес электронной почты" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_confirmed_email_is_enough_the_phone_is_not_asked(client, news_item, author):
    client.force_login(author)  # make_user without a phone
    assert post(client, news_item).status_code == 302
    assert Comment.objects.count() == 1


def test_the_form_offers_the_name_chosen_last_time_and_links_the_rules(client, news_item, author):
    Comment.objects.create(page=news_item, author=author, display_name="Ира из Дагомыса", text="Т")
    client.force_login(author)
    page = client.get(news_item.url).content.decode()
    assert 'value="Ира из Дагомыса"' in page
    assert page.count('href="/discussion/rules/"') >= 2  # by the thread and by each form


def test_a_name_reserved_for_staff_is_refused_and_the_text_is_kept(client, news_item, author):
    client.force_login(author)
    response = post(client, news_item, text="Мой длинный текст", display_name="Администрация")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Выберите другое имя" in html
    assert "Мой длинный текст" in html
    assert not Comment.objects.exists()


def test_html_and_scripts_are_shown_as_text_and_links_are_made_safe(client, news_item):
    text = (
        '<script>alert("x")</script> <b>жирный</b> <a href="javascript:alert(1)">ссылка</a> '
        "javascript:alert(2) подробности: https://sochi.ru/park?a=1&b=2"
    )
    approved(news_item, text=text)
    html = client.get(news_item.url).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;жирный&lt;/b&gt;" in html
    assert 'href="javascript:' not in html
    assert (
        '<a href="https://sochi.ru/park?a=1&amp;b=2" rel="nofollow ugc noopener">'
        "https://sochi.ru/park?a=1&amp;b=2</a>"
    ) in html


def test_an_email_address_in_a_comment_is_not_made_a_link(client, news_item):
    approved(news_item, text="Пишите: ivanov@example.org")
    html = client.get(news_item.url).content.decode()
    assert "ivanov@example.org" in html
    assert "mailto:" not in html


def test_a_reply_goes_under_its_comment(client, news_item, author):
    question = approved(news_item)
    client.force_login(author)
    post(client, news_item, text="Согласна", parent=question.pk)
    assert Comment.objects.get(text="Согласна").parent == question


def test_a_reply_to_a_reply_goes_under_the_top_comment_one_level_only(client, news_item, author):
    question = approved(news_item)
    answer = approved(news_item, parent=question)
    client.force_login(author)
    post(client, news_item, text="И я согласна", parent=answer.pk)
    assert Comment.objects.get(text="И я согласна").parent == question


def test_a_reply_to_an_unpublished_or_foreign_comment_is_refused(
    client, news_item, news_index, author
):
    from tests.factories import NewsPageFactory

    pending = Comment.objects.create(page=news_item, display_name="Олег", text="Т")
    elsewhere = approved(NewsPageFactory(parent=news_index))
    client.force_login(author)
    for parent in (pending, elsewhere):
        response = post(client, news_item, text="Ответ", parent=parent.pk)
        assert response.status_code == 400
        assert "не опубликован" in response.content.decode()
    assert not Comment.objects.filter(text="Ответ").exists()


def test_replies_are_shown_under_their_comment(client, news_item):
    question = approved(news_item, text="Вопрос жителя")
    approved(news_item, parent=question, text="Ответ соседа")
    html = client.get(news_item.url).content.decode()
    replies = html.index("comments--replies")
    assert html.index("Вопрос жителя") < replies < html.index("Ответ соседа")


def test_closed_discussion_refuses_new_comments_and_says_it_is_closed(client, news_item, author):
    news_item.comments_open = False
    news_item.save_revision().publish()
    approved(news_item, text="Старый комментарий")
    client.force_login(author)
    response = post(client, news_item, text="Новый комментарий")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Обсуждение этой страницы закрыто." in html
    assert "Старый комментарий" in html
    assert "Новый комментарий" in html  # what was typed is not lost
    assert not Comment.objects.filter(text="Новый комментарий").exists()
    page = client.get(news_item.url).content.decode()
    assert "Обсуждение этой страницы закрыто: новые комментарии не принимаются." in page
    assert 'name="text"' not in page


def test_rate_limit_per_account(client, news_item, author, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "comment_account": (2, 3600)}
    client.force_login(author)
    assert [post(client, news_item, text=f"Текст {n}").status_code for n in range(3)] == [
        302,
        302,
        429,
    ]
    assert Comment.objects.count() == 2


def test_rate_limit_per_client_address(client, news_item, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "comment_ip": (2, 3600)}
    statuses = []
    for number in range(3):
        client.force_login(resident(f"neighbour-{number}"))
        statuses.append(post(client, news_item, text=f"Текст {number}").status_code)
    assert statuses == [302, 302, 429]
    response = post(client, news_item, text="Ещё")
    assert "Слишком много комментариев" in response.content.decode()


def test_a_report_sends_a_published_comment_back_to_the_queue(client, news_item, reader, staff):
    comment = approved(news_item, text="Спорный текст")
    client.force_login(reader)
    response = client.post(
        f"/discussion/comments/{comment.pk}/report/", {"reason": "Телефон соседа"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.state == CommentState.PENDING
    assert CommentReport.objects.get().reporter == reader
    client.logout()
    assert "Спорный текст" not in client.get(news_item.url).content.decode()
    client.force_login(staff)
    queue = client.get("/admin/discussion/").content.decode()
    assert "Спорный текст" in queue
    decision = client.get(f"/admin/discussion/{comment.pk}/").content.decode()
    assert "Телефон соседа" in decision


def test_the_same_reader_reports_a_comment_once(client, news_item, reader, staff):
    comment = approved(news_item)
    comment.report(by=reader)
    comment.approve(by=staff)
    client.force_login(reader)
    response = client.post(f"/discussion/comments/{comment.pk}/report/", {"reason": ""})
    assert response.status_code == 409
    assert "Вы уже пожаловались" in response.content.decode()
    comment.refresh_from_db()
    assert comment.state == CommentState.APPROVED


def test_an_author_cannot_report_their_own_comment(client, news_item, author):
    comment = approved(news_item, author=author)
    client.force_login(author)
    response = client.post(f"/discussion/comments/{comment.pk}/report/", {})
    assert response.status_code == 403


def test_reports_are_rate_limited(client, news_item, reader, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "comment_report": (1, 3600)}
    first, second = approved(news_item), approved(news_item)
    client.force_login(reader)
    assert client.post(f"/discussion/comments/{first.pk}/report/", {}).status_code == 302
    assert client.post(f"/discussion/comments/{second.pk}/report/", {}).status_code == 429
