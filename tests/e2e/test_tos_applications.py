"""Applying online in a real browser: a resident registers the ТОС they chair, staff confirm it,
the chair applies from a phone, staff return the application with comments, the chair fixes and
resubmits it, staff accept it and the entry is live and accepted on the contest page. axe-core on
the chair's pages; nothing scrolls sideways at 390 px."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from portal import roles
from tests.e2e.axe import blocking_violations
from tests.e2e.journeys import sign_up_and_confirm, staff_tab

pytestmark = pytest.mark.e2e
EMAIL = "chair@example.org"
PASSWORD = "Kiparis-2026-sochi"  # noqa: S105
TOS_NAME = "ТОС «Мамайка»"
PHONE = {"width": 390, "height": 844}


def sideways_scroll(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_chair_registers_applies_and_is_accepted_after_a_return(open_tab):
    mail.outbox.clear()
    chair = open_tab(viewport=PHONE)
    page = chair.page
    sign_up_and_confirm(chair, EMAIL, PASSWORD)

    chair.goto("/tos-contest/my-tos/")
    violations = blocking_violations(page, "ТОС registration")
    assert sideways_scroll(page) == 0
    page.get_by_label("Название ТОС").fill(TOS_NAME)
    page.get_by_label("Район").select_option("central")
    page.get_by_label("Территория").fill("ул. Мамайская, дома 1–30")
    page.get_by_label("Дата решения Городского Собрания").fill("2024-05-20")
    page.get_by_label("Номер решения Городского Собрания").fill("77/24")
    page.get_by_label("ФИО председателя").fill("Анна Сергеевна Петрова")
    page.get_by_role("textbox", name="Контакты").fill("+7 918 000-11-22")
    page.get_by_role("button", name="Зарегистрировать ТОС").click()
    expect(page.locator(".tos-status")).to_have_text("ожидает подтверждения")

    staff = staff_tab(open_tab, roles.CONTEST, "commission", "Komissiya-2026-sochi")
    staff.goto("/admin/tos-contest/tos/")
    staff.page.get_by_role("button", name=f"Подтвердить {TOS_NAME}").click()
    expect(staff.page.locator(".messages")).to_contain_text("подтверждён")

    chair.goto("/tos-contest/2027/")
    page.get_by_role("link", name="Подать заявку").click()
    expect(page).to_have_url(re.compile(r"/tos-contest/2027/apply/$"))
    violations += blocking_violations(page, "choice of nomination")
    page.get_by_role("button", name="Начать заявку Благоустройство территории").click()
    expect(page).to_have_url(re.compile(r"/tos-contest/2027/apply/\d+/$"))
    application_url = page.url
    violations += blocking_violations(page, "application form")
    assert sideways_scroll(page) == 0
    page.get_by_label("Описание деятельности").fill("Благоустраиваем дворы у реки Мамайка.")
    page.get_by_label("Показатели").fill("Субботников: 9")
    page.get_by_role("button", name="Сохранить черновик").click()
    expect(page.locator(".application-state")).to_have_text("черновик")
    expect(page.get_by_label("Описание деятельности")).to_have_value(
        "Благоустраиваем дворы у реки Мамайка."
    )
    page.get_by_label("Достижения за год").fill("Открыли сквер у моста.")
    page.locator("button[value=submit]").click()
    expect(page.locator(".application-state")).to_have_text("подана")

    staff.goto("/admin/tos-contest/")
    staff.page.locator("a[href$='/applications/']").first.click()
    staff.page.get_by_role("link", name=TOS_NAME).click()
    staff.page.get_by_label("Вернуть на доработку").check()
    staff.page.get_by_label("Замечания или причина (отправляются председателю)").fill(
        "Добавьте число участников субботников."
    )
    staff.page.get_by_role("button", name="Записать решение").click()
    expect(staff.page.locator(".messages")).to_contain_text("возвращена")

    page.goto(application_url)
    expect(page.locator(".application-state")).to_have_text("возвращена на доработку")
    expect(page.locator(".application-history")).to_contain_text("Добавьте число участников")
    page.get_by_label("Показатели").fill("Субботников: 9\nУчастников: 140")
    page.locator("button[value=submit]").click()
    expect(page.locator(".application-state")).to_have_text("подана")

    staff.page.reload()
    staff.page.get_by_label("ТОС подтверждён").check()
    staff.page.get_by_label("Описание и достижения заполнены").check()
    staff.page.get_by_label("Принять и опубликовать страницу участника").check()
    staff.page.get_by_role("button", name="Записать решение").click()
    expect(staff.page.locator(".messages")).to_contain_text("опубликована")

    visitor = open_tab()
    visitor.goto("/tos-contest/2027/")
    card = visitor.page.locator(".entry-list .card", has_text=TOS_NAME)
    expect(card).to_be_visible()
    expect(card.locator(".entry-state")).to_have_count(0)  # accepted, not "under review"
    card.get_by_role("link", name=TOS_NAME).click()
    expect(visitor.page.locator("main")).to_contain_text("Участников: 140")
    page.goto(application_url)
    expect(page.locator(".application-state")).to_have_text("принята")

    assert not violations, "axe-core violations:\n" + "\n".join(violations)
    chair.assert_clean_console()
