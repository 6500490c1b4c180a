"""A resident takes part, on a phone: signs up, comments on the seed news item; a moderator approves
and answers in the Wagtail admin; the resident sees the answer, finds everything on their page,
downloads their data and deletes the account. axe-core on every public page of the journey, and no
page scrolls sideways at 390 px."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from discussion.demo.content import NEWS_SLUG
from portal.roles import MODERATORS
from tests.e2e.axe import blocking_violations
from tests.e2e.journeys import sign_up_and_confirm, staff_tab

pytestmark = pytest.mark.e2e
EMAIL = "marina@example.org"
PASSWORD = "Magnolia-2026-sochi"  # noqa: S105
NEWS = f"/news/{NEWS_SLUG}/"
COMMENT = "Когда на набережной Адлера поставят скамейки? <script>alert(1)</script>"
ANSWER = "Скамейки установят до 15 декабря, подрядчик уже выбран."
PHONE = {"width": 390, "height": 844}


def sideways_scroll(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def check(page, name, violations):
    """axe-core and the phone's width, on the page the tab shows now."""
    violations += blocking_violations(page, name)
    assert sideways_scroll(page) <= 0, f"{name} scrolls sideways at 390 px"


def approve_and_answer(tab):
    page = tab.page
    tab.goto("/admin/discussion/")
    page.get_by_role("link", name=re.compile("Марина с Мацесты-2")).click()
    page.get_by_role("button", name="Одобрить и опубликовать").click()
    expect(page).to_have_url(re.compile(r"/admin/discussion/$"))
    tab.goto("/admin/discussion/?state=approved")
    page.get_by_role("link", name=re.compile("Марина с Мацесты-2")).first.click()
    page.get_by_label("Ответ администрации").fill(ANSWER)
    page.get_by_role("button", name="Опубликовать ответ").click()
    page.wait_for_load_state()


def test_resident_comments_is_answered_downloads_and_deletes_their_data(open_tab):
    mail.outbox.clear()
    resident = open_tab(viewport=PHONE)
    page = resident.page
    violations = []
    sign_up_and_confirm(resident, EMAIL, PASSWORD)

    resident.goto(NEWS)
    form = page.locator("form.comment-form").last  # the new comment's; those above are replies
    form.get_by_label("Имя, которое будет показано").fill("Марина с Мацесты-2")
    form.locator("textarea[name=text]").fill(COMMENT)
    form.get_by_role("button", name="Отправить на модерацию").click()
    page.wait_for_load_state()
    mine = page.locator(".comment--private", has_text="скамейки")
    expect(mine).to_contain_text("На модерации")
    expect(mine.locator(".comment__text")).to_contain_text("<script>alert(1)</script>")
    check(page, "news item with a comment awaiting moderation", violations)

    approve_and_answer(staff_tab(open_tab, MODERATORS, "moderator", PASSWORD))
    approval = [m for m in mail.outbox if m.to == [EMAIL] and "опубликован" in m.subject]
    assert approval, [m.subject for m in mail.outbox]
    assert approval[-1].alternatives, "the e-mail has no HTML part"

    resident.goto(NEWS)
    published = page.locator("article.comment", has_text="скамейки").first
    expect(published).not_to_have_class(re.compile("comment--private"))
    answer = page.locator(".comment--official", has_text=ANSWER)
    expect(answer).to_contain_text("Ответ администрации")
    check(page, "news item with the answer", violations)

    resident.goto("/accounts/profile/")
    expect(page.locator(".profile-comments")).to_contain_text("скамейки")
    check(page, "resident's page", violations)
    with page.expect_download() as download:
        page.get_by_role("link", name="Скачать мои данные (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    comments = data["holdings"]["discussion.comments"]["records"]
    assert [c["text"] for c in comments] == [COMMENT]
    assert data["holdings"]["accounts.account"]["records"][0]["email"] == EMAIL
    resident.goto("/accounts/profile/data/")
    expect(page.locator("main")).to_contain_text("скамейки")
    check(page, "readable download", violations)

    resident.goto("/accounts/profile/delete/")
    check(page, "account deletion", violations)
    page.get_by_label("Ваш пароль").fill(PASSWORD)
    page.get_by_role("button", name="Удалить учётную запись навсегда").click()
    expect(page).to_have_url(re.compile(r"/accounts/goodbye/$"))
    check(page, "goodbye page", violations)

    resident.goto(NEWS)
    expect(page.locator("article.comment", has_text="скамейки").first).to_contain_text(
        "Удалённый пользователь"
    )
    assert not get_user_model().objects.filter(email=EMAIL).exists()
    assert not violations, "axe-core violations:\n" + "\n".join(violations)
    resident.assert_clean_console()
