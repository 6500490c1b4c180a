"""The TOS contest in a real browser: a resident signs up, confirms e-mail and phone with the
captured codes, votes, sees the receipt, is refused a second time; axe-core on the contest pages."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.sms import LocmemBackend
from tests.e2e.axe import blocking_violations
from tests.e2e.journeys import sign_up_and_confirm

pytestmark = pytest.mark.e2e
EMAIL = "resident@example.org"
PASSWORD = "Kiparis-2026-sochi"  # noqa: S105


def test_resident_verifies_votes_once_and_checks_the_receipt(tab):
    page = tab.page
    mail.outbox.clear()
    LocmemBackend.outbox.clear()

    sign_up_and_confirm(tab, EMAIL, PASSWORD)

    tab.goto("/accounts/phone/")
    page.get_by_label("Номер мобильного телефона").fill("+7 918 765-43-21")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Отправить код").click()
    expect(page).to_have_url(re.compile(r"/accounts/phone/confirm/$"))
    code = re.search(r"\d{6}", LocmemBackend.outbox[-1].text).group(0)
    page.get_by_label("Код из СМС").fill(code)
    page.get_by_role("button", name="Подтвердить").click()
    expect(page.locator(".verification--done")).to_be_visible()

    tab.goto("/tos-contest/2026/")
    violations = blocking_violations(page, "contest page")
    page.locator(".entry-list a.button").first.click()
    expect(page).to_have_url(re.compile(r"/tos-contest/2026/vote/\?entry=\d+$"))
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/receipt/[A-Z0-9-]{14}/$"))
    receipt = page.locator(".receipt-code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", receipt)

    again = page.goto(f"{tab.base_url}/tos-contest/2026/")
    assert again.ok
    expect(page.locator(".contest-my-vote")).to_contain_text(receipt)
    expect(page.locator(".entry-list a.button")).to_have_count(0)

    page.goto(f"{tab.base_url}/tos-contest/2026/check/?code={receipt}")
    expect(page.locator(".notice--success")).to_contain_text("учтён")

    tab.goto("/tos-contest/2026/tos-loo/")
    violations += blocking_violations(page, "entry page")
    tab.goto("/tos-contest/2025/results/")
    expect(page.locator(".bar-chart__row").first).to_be_visible()
    violations += blocking_violations(page, "results page")
    tab.goto("/tos-contest/")
    violations += blocking_violations(page, "contest index")
    assert not violations, "axe-core violations:\n" + "\n".join(violations)
    tab.assert_clean_console()


def test_second_vote_is_refused_in_the_browser(open_tab):
    """The demo citizen signs in, votes, and a second POST gets the Russian refusal."""
    from django.contrib.auth import get_user_model

    from contest.demo.loader import CITIZEN_EMAIL

    password = "citizen-test-password"  # noqa: S105
    citizen = get_user_model().objects.get(email=CITIZEN_EMAIL)
    citizen.set_password(password)
    citizen.save()
    tab = open_tab()
    page = tab.page
    tab.goto("/accounts/login/?next=/tos-contest/2026/")
    page.locator("input[name=login]").fill(CITIZEN_EMAIL)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/tos-contest/2026/$"))
    page.locator(".entry-list a.button").nth(1).click()
    vote_url = page.url
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/receipt/"))
    # A second tab of the same person still had the confirmation form open.
    response = page.goto(vote_url)
    assert response.status == 409
    expect(page.locator(".notice--error")).to_contain_text("Вы уже проголосовали")
