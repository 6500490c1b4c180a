"""A comment's life: posted → waits in the queue → approved or refused with a reason → the author
is told by e-mail → the public sees it (or, refused, only its author with the reason)."""

import pytest
from django.core import mail

from discussion.models import Comment, CommentState, RefusalReason
from portal.public_url import absolute
from tests.discussion.factories import approved

pytestmark = pytest.mark.django_db


def post(client, page, text="Сквер отличный, спасибо!", **fields):
    data = {"display_name": "Марина с Мацесты", "text": text, **fields}
    return client.post(f"/discussion/pages/{page.pk}/comments/", data)


def test_a_posted_comment_waits_for_moderation_and_only_its_author_sees_it(
    client, news_item, author
):
    client.force_login(author)
    response = post(client, news_item)
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{news_item.url}#comment-{comment.pk}"
    assert (comment.state, comment.author, comment.display_name) == (
        CommentState.PENDING,
        author,
        "Марина с Мацесты",
    )
    own_view = client.get(news_item.url).content.decode()
    assert "Сквер отличный" in own_view
    assert "На модерации: этот комментарий видите только вы." in own_view
    client.logout()
    assert "Сквер отличный" not in client.get(news_item.url).content.decode()


def test_approval_publishes_the_comment_and_mails_its_author(
    client, news_item, author, staff, django_capture_on_commit_callbacks
):
    client.force_login(author)
    post(client, news_item)
    comment = Comment.objects.get()
    client.force_login(staff)
    assert "Сквер отличный" in client.get("/admin/discussion/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/discussion/{comment.pk}/approve/")

    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.state, comment.moderated_by) == (CommentState.APPROVED, staff)
    assert comment.published_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [author.email]
    assert "опубликовал ваш комментарий" in mail.outbox[0].body
    assert absolute(f"{news_item.url}#comment-{comment.pk}") in mail.outbox[0].body
    client.logout()
    page = client.get(news_item.url).content.decode()
    assert "Сквер отличный" in page
    assert "1 комментарий" in page


def test_refusal_with_a_reason_is_mailed_and_shown_to_the_author_only(
    client, news_item, author, staff, django_capture_on_commit_callbacks
):
    client.force_login(author)
    post(client, news_item, text="Купите наши окна недорого!")
    comment = Comment.objects.get()
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/discussion/{comment.pk}/refuse/", {"reason": "advertising"})

    comment.refresh_from_db()
    assert (comment.state, comment.refusal_reason) == (
        CommentState.REFUSED,
        RefusalReason.ADVERTISING,
    )
    assert len(mail.outbox) == 1
    assert "Причина: Реклама или спам" in mail.outbox[0].body
    client.force_login(author)
    own_view = client.get(news_item.url).content.decode()
    assert "Не опубликован: Реклама или спам. Этот комментарий видите только вы." in own_view
    client.logout()
    assert "Купите наши окна" not in client.get(news_item.url).content.decode()


def test_another_reason_needs_the_moderators_words(client, news_item, staff):
    comment = Comment.objects.create(page=news_item, display_name="Олег", text="Текст")
    client.force_login(staff)
    response = client.post(f"/admin/discussion/{comment.pk}/refuse/", {"reason": "other"})
    assert response.status_code == 400
    assert "Поясните отказ" in response.content.decode()
    comment.refresh_from_db()
    assert comment.state == CommentState.PENDING

    client.post(
        f"/admin/discussion/{comment.pk}/refuse/",
        {"reason": "other", "text": "Вопрос не к администрации города."},
    )
    comment.refresh_from_db()
    assert comment.refusal_explained() == "Вопрос не к администрации города."


def test_the_author_is_mailed_once_when_a_reported_comment_is_approved_again(
    news_item, author, reader, staff, django_capture_on_commit_callbacks
):
    comment = Comment.objects.create(page=news_item, author=author, display_name="А", text="Т")
    with django_capture_on_commit_callbacks(execute=True):
        comment.approve(by=staff)
        comment.report(by=reader)
        comment.approve(by=staff)
    assert len(mail.outbox) == 1


def test_an_official_answer_is_published_at_once_and_marked(client, news_item, staff):
    question = approved(news_item, text="Когда откроют сквер?")
    client.force_login(staff)
    response = client.post(
        f"/admin/discussion/{question.pk}/answer/", {"text": "Сквер откроют в мае."}
    )
    assert response.status_code == 302
    answer = Comment.objects.get(official=True)
    assert (answer.parent, answer.state, answer.author) == (question, CommentState.APPROVED, staff)
    client.logout()
    page = client.get(news_item.url).content.decode()
    assert "Сквер откроют в мае." in page
    assert "Ответ администрации" in page


def test_an_unmoderated_comment_gets_no_official_answer(client, news_item, staff):
    question = Comment.objects.create(page=news_item, display_name="Олег", text="Вопрос")
    client.force_login(staff)
    response = client.post(f"/admin/discussion/{question.pk}/answer/", {"text": "Ответ"})
    assert response.status_code == 400
    assert "Сначала одобрите комментарий" in response.content.decode()
    assert not Comment.objects.filter(official=True).exists()
