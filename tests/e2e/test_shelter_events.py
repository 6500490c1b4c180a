"""Shelter events in a real browser on a phone (390 px): a resident signs up for an event,
cancels from the event page, and the first on the waiting list gets the place and a letter;
axe finds nothing on the event page, the cancellation page or the list."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from playwright.sync_api import expect

from shelter.models import EventSignup, EventSignupSettings, SignupState
from tests.accounts.factories import make_user
from tests.e2e.axe import all_violations
from tests.shelter.event_factories import signup_for

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def signed_in(tab, username):
    email = f"{username}@example.org"
    user = get_user_model().objects.create_user(username, email, "a-long-test-password")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    client = Client()
    client.force_login(user)
    cookie = {"name": "sessionid", "value": client.cookies["sessionid"].value}
    tab.page.context.add_cookies([{**cookie, "url": tab.base_url}])
    return user


def no_sideways_scroll(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_resident_signs_up_cancels_and_the_first_waiting_moves_up(open_tab):
    tab = open_tab(viewport=PHONE)
    page = tab.page
    signup_settings = EventSignupSettings.objects.order_by("-visitor_places", "pk").first()
    event = signup_settings.event
    resident = signed_in(tab, "e2e-resident")

    tab.goto("/shelter/events/")
    violations = all_violations(page, "events list")
    page.get_by_role("link", name=event.display_title).click()
    expect(page).to_have_url(re.compile(rf"/shelter/events/{event.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(event.title)
    violations += all_violations(page, "event page with the form")
    assert no_sideways_scroll(page) <= 0

    form = page.locator(".signup-form")
    form.get_by_label("Посетитель").check()
    form.get_by_label("Ваше имя").fill("Анна Соколова")
    form.get_by_label("Я согласен(на) на обработку моих персональных данных").check()
    form.get_by_role("button", name="Записаться").click()
    expect(page.locator(".messages")).to_contain_text("Вы записаны")
    expect(page.locator(".shelter-signup .notice")).to_contain_text("место за вами")
    mine = EventSignup.objects.get(user=resident)
    assert mine.state == SignupState.CONFIRMED

    # The event fills up behind the resident; the next one to come waits.
    taken = EventSignup.objects.filter(event=event, state=SignupState.CONFIRMED).count()
    EventSignupSettings.objects.filter(pk=signup_settings.pk).update(visitor_places=taken)
    signup_settings.refresh_from_db()
    waiting = signup_for(signup_settings, make_user("e2e-waiting", email_verified=True))
    assert waiting.state == SignupState.WAITING
    mail.outbox.clear()

    page.get_by_role("button", name="Отменить запись").click()
    expect(page).to_have_url(re.compile(rf"/shelter/events/cancel/{mine.token}/$"))
    expect(page.locator("main")).to_contain_text("отменена")
    violations += all_violations(page, "cancellation page")
    assert no_sideways_scroll(page) <= 0

    waiting.refresh_from_db()
    assert waiting.state == SignupState.CONFIRMED
    letters = {message.to[0]: message.subject for message in mail.outbox}
    assert "Освободилось место" in letters["e2e-waiting@example.org"]
    assert "Запись отменена" in letters["e2e-resident@example.org"]

    page.get_by_role("link", name="Вернуться к событию").click()
    expect(page.locator(".signup-form")).to_be_visible()  # the resident may sign up again
    assert violations == []
    tab.assert_clean_console()
