"""What the discussion keeps about a person: exported in full, anonymised on deletion, listed on
their profile."""

import pytest
from django.template.loader import render_to_string

from discussion.models import Comment, CommentReport, CommentState
from discussion.personal_data import DELETED_NAME
from portal import personal_data
from portal.personal_data import Person
from tests.discussion.factories import approved

pytestmark = pytest.mark.django_db


def holding(code):
    return next(holding for holding in personal_data.holdings() if holding.code == code)


@pytest.fixture
def history(news_item, author, reader, staff):
    mine = approved(news_item, author=author, display_name="Марина", text="Мой комментарий")
    refused = Comment.objects.create(
        page=news_item, author=author, display_name="Марина", text="Реклама окон"
    )
    refused.refuse(by=staff, reason="advertising")
    reply = approved(news_item, author=reader, parent=mine, text="Ответ соседа")
    reply.report(by=author, reason="Не по теме")
    return mine, refused, reply


def test_every_field_of_comments_and_reports_is_exported_or_said_why_not():
    for code, model in (("discussion.comments", Comment), ("discussion.reports", CommentReport)):
        declared = holding(code)
        named = set(declared.fields[model]) | set(declared.kept_out[model])
        assert named == {field.name for field in model._meta.concrete_fields}, code


def test_the_export_holds_the_persons_comments_and_reports(history, author):
    exported = personal_data.export(Person.of(author))
    comments = exported["discussion.comments"]
    assert [c["text"] for c in comments] == ["Мой комментарий", "Реклама окон"]
    assert comments[1]["refusal_reason"] == "Реклама или спам"
    for comment in comments:
        assert set(holding("discussion.comments").fields[Comment]) <= set(comment)
    assert exported["discussion.reports"] == [
        {
            "kind": "жалоба",
            "comment": str(history[2]),
            "reason": "Не по теме",
            "created_at": exported["discussion.reports"][0]["created_at"],
        }
    ]


def test_deletion_keeps_comments_anonymised_and_reports_without_the_reporter(history, author):
    mine, refused, reply = history
    personal_data.erase(Person.of(author))
    mine.refresh_from_db()
    assert (mine.author, mine.display_name, mine.text) == (None, DELETED_NAME, "Мой комментарий")
    assert mine.state == CommentState.APPROVED
    assert CommentReport.objects.get().reporter is None
    reply.refresh_from_db()
    assert reply.author is not None  # another person's reply is theirs


def test_the_profile_section_lists_comments_with_their_state_and_links(history, author):
    section = holding("discussion.comments")
    context = section.section(Person.of(author))
    html = render_to_string(section.template, {"section": context})  # as the profile includes it
    mine = history[0]
    assert f'href="{mine.page.url}#comment-{mine.pk}"' in html
    assert "не опубликован: Реклама или спам" in html
    assert "опубликован" in html


def test_no_section_for_a_person_without_comments(reader, site_tree):
    assert holding("discussion.comments").section(Person.of(reader)) is None
