"""The shelter in a real browser: filter the catalog, open a pet, keep it in favourites, apply,
and follow the application through the link from the e-mail; axe on the catalog and pet page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from shelter.models import Pet
from tests.e2e.axe import blocking_violations

pytestmark = pytest.mark.e2e


def first_pet_taking_applications(links):
    """The first pet among the catalog's `links` whose page has the adoption form."""
    hrefs = [link.get_attribute("href") for link in links.all()]
    pks = [int(re.search(r"/pets/(\d+)/$", href).group(1)) for href in hrefs]
    pets = Pet.objects.in_bulk(pks)
    pet = next((pets[pk] for pk in pks if pets[pk].accepts_applications), None)
    assert pet is not None, "no pet on the filtered catalog page takes applications"
    return pet


def test_visitor_finds_a_pet_applies_and_follows_the_application(tab):
    page = tab.page
    mail.outbox.clear()
    tab.goto("/shelter/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Приют: найди друга")
    expect(page.locator(".pet-card").first).to_be_visible()
    violations = blocking_violations(page, "catalog")

    page.locator("input[name=species][value=dog]").check()
    page.locator("input[name=sex][value=female]").check()
    page.locator(".facet-filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/shelter/\?.*species=dog.*sex=female"))
    cards = page.locator(".pet-card")
    expect(cards.first).to_be_visible()
    status = page.locator(".result-count")
    count = int(re.search(r"\d+", status.inner_text()).group())
    assert count > 0

    pet = first_pet_taking_applications(cards.locator(".pet-card__title a"))
    page.locator(f".pet-card__title a[href$='/pets/{pet.pk}/']").click()
    expect(page).to_have_url(re.compile(rf"/shelter/pets/{pet.pk}/$"))
    name = page.get_by_role("heading", level=1).inner_text()
    expect(page.locator(".facts")).to_contain_text("Девочка")
    violations += blocking_violations(page, "pet page")

    page.locator(".pet-facts .favourite-button").click()
    expect(page.locator(".messages")).to_contain_text("в избранном")
    tab.goto("/shelter/favourites/")
    expect(page.locator(".pet-card__title")).to_have_text([name])

    page.locator(".pet-card__title a").first.click()
    form = page.locator(".adoption-form")
    form.get_by_label("Ваше имя").fill("Анна Соколова")
    form.get_by_label("Телефон").fill("+7 918 555-01-01")
    form.get_by_label("Электронная почта").fill("anna@example.com")
    form.locator("select[name=district]").select_option("adlersky")
    form.locator("select[name=housing]").select_option("house")
    form.locator("button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()  # no consent
    # The form without consent answers 400 by design; the browser logs that status.
    tab.console_errors[:] = [error for error in tab.console_errors if "400" not in error]
    form = page.locator(".adoption-form")
    expect(form.get_by_label("Ваше имя")).to_have_value("Анна Соколова")
    form.locator("input[name=consent]").check()
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/shelter/applications/[\w-]+/$"))

    letters = [message for message in mail.outbox if message.to == ["anna@example.com"]]
    assert len(letters) == 1
    link = re.search(r"https?://\S+/shelter/applications/[\w-]+/", letters[0].body).group()
    path = re.sub(r"^https?://[^/]+", "", link)
    tab.goto(path)
    expect(page.locator(".timeline__step--current")).to_contain_text("Заявка подана")
    tab.assert_clean_console()
    assert violations == [], "\n".join(violations)
