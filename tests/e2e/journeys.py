"""Steps that several browser journeys share: a resident signs up and confirms the address from
the captured e-mail; a staff member signs into the Wagtail admin with password and TOTP code."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect

from tests.accounts.staff import fresh_totp_code, with_totp


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def sign_up_and_confirm(tab, email, password):
    """Sign up with the consent, open the confirmation link the e-mail carries, end signed in."""
    page = tab.page
    tab.goto("/accounts/signup/")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password1]").fill(password)
    page.locator("input[name=password2]").fill(password)
    page.locator("input[name=consent]").check()
    page.locator("form[action*=signup] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/"))

    letters = [message for message in mail.outbox if message.to == [email]]
    assert len(letters) == 1, [message.to for message in mail.outbox]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", letters[0].body).group()
    tab.goto(path_of(link))
    page.locator("form[action*=confirm-email] button[type=submit]").click()
    page.wait_for_load_state()
    if "/accounts/login/" in page.url:  # confirmed in another session: sign in
        page.locator("input[name=login]").fill(email)
        page.locator("input[name=password]").fill(password)
        page.locator("form[action*=login] button[type=submit]").click()
        page.wait_for_load_state()


def staff_tab(open_tab, group, username, password):
    """A browser signed into the Wagtail admin as a new member of `group`.

    The real sign-in: password, then the code the member's authenticator app would show.
    """
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@sochi.example", password=password, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group))
    secret, _ = with_totp(user)
    tab = open_tab()
    tab.goto("/admin/login/?next=/admin/")
    tab.page.locator("input[name=login]").fill(username)
    tab.page.locator("input[name=password]").fill(password)
    tab.page.locator("form.portal-form button[type=submit]").click()
    expect(tab.page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    tab.page.locator("input[name=code]").fill(fresh_totp_code(secret))
    # The form's first button signs in; the second (Cancel) abandons the sign-in.
    tab.page.locator("form[action$='/2fa/authenticate/'] button[type=submit]").first.click()
    expect(tab.page).to_have_url(re.compile(r"/admin/$"))
    return tab
