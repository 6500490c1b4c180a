"""The shelter's volunteers in a real browser, on a phone (390 px): a resident signs up and applies,
a member of «Приют» accepts the application in the admin, the volunteer signs up for a shift from
the schedule and cancels it; axe on every page of the journey, nothing scrolls sideways."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from portal.roles import SHELTER
from shelter.models import ShiftSignup, VolunteerApplication, VolunteerState
from tests.e2e.axe import blocking_violations
from tests.e2e.journeys import path_of, sign_up_and_confirm, staff_tab

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
PASSWORD = "volunteer-Pass-2026"  # noqa: S105 - a test account's


def sideways(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_apply_get_accepted_sign_up_for_a_shift_and_cancel(open_tab):
    mail.outbox.clear()
    resident = open_tab(viewport=PHONE)
    page = resident.page
    sign_up_and_confirm(resident, "helper@example.com", PASSWORD)

    resident.goto("/shelter/")
    page.get_by_role("link", name="Как стать волонтёром").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Волонтёрство в приюте")
    violations = blocking_violations(page, "volunteer form")
    assert sideways(page) <= 0

    form = page.locator(".volunteer-form")
    form.get_by_label("Фамилия, имя, отчество").fill("Мария Иванова")
    form.locator("input[name=phone]").fill("+7 918 555-02-02")
    form.locator("input[name=birth_date]").fill("17.05.1995")
    form.get_by_label("Выгул собак").check()
    form.get_by_label("Выходные").check()
    form.locator("button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()  # no consent
    # The form without consent answers 400 by design; the browser logs that status.
    resident.console_errors[:] = [e for e in resident.console_errors if "400" not in e]
    violations += blocking_violations(page, "volunteer form with errors")
    form = page.locator(".volunteer-form")
    form.locator("input[name=consent]").check()
    form.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Заявка сохранена")
    expect(page.locator(".volunteer-state")).to_contain_text("Подана, ждёт рассмотрения")
    application = VolunteerApplication.objects.get(full_name="Мария Иванова")

    staff = staff_tab(open_tab, SHELTER, "shelter-reviewer", PASSWORD)
    staff.goto("/admin/snippets/shelter/volunteerapplication/")
    staff.page.get_by_role("link", name="Мария Иванова").click()
    staff.page.locator("select[name=decision]").select_option("accept")
    staff.page.locator("form[method=post] button[type=submit]", has_text="Сохранить").click()
    expect(staff.page.locator(".messages")).to_contain_text("Мария Иванова")
    application.refresh_from_db()
    assert application.state == VolunteerState.ACCEPTED

    letters = [m for m in mail.outbox if m.to == ["helper@example.com"]]
    accepted = next(m for m in letters if "волонтёр приюта" in m.subject)
    link = re.search(r"https?://\S+/shelter/volunteers/shifts/", accepted.body).group()
    resident.goto(path_of(link))
    expect(page.get_by_role("heading", level=1)).to_have_text("Смены волонтёров")
    violations += blocking_violations(page, "shift schedule")
    assert sideways(page) <= 0

    first = page.locator(".shift-list .shift[id^=shift-]").first
    title = first.locator(".shift__title").inner_text()
    first.get_by_role("button", name=re.compile("Записаться на смену")).click()
    expect(page.locator(".messages")).to_contain_text("Вы записаны на смену")
    assert ShiftSignup.objects.active().filter(user=application.user).count() == 1
    mine = page.locator("section[aria-labelledby=my-shifts-title]")
    expect(mine).to_contain_text(title)
    violations += blocking_violations(page, "schedule with a sign-up")
    mine.get_by_role("button", name=re.compile("Отменить запись")).first.click()
    expect(page.locator(".messages")).to_contain_text("отменена")
    assert not ShiftSignup.objects.active().filter(user=application.user).exists()
    resident.assert_clean_console()
    assert violations == [], "\n".join(violations)
