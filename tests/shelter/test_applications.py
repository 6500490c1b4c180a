"""Applying to adopt: consent, honeypot, rate limit, one open application per applicant and pet,
saved even when e-mail fails, and the private status page."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from portal.consent import current as current_consent
from portal.models import OutboundEmail
from shelter.models import AdoptionApplication, PetStatus, Step
from shelter.retention import anonymise_old_applications
from tests.shelter.factories import ApplicationFactory, PetFactory

pytestmark = pytest.mark.django_db


def form(**overrides):
    data = {
        "name": "Анна Соколова",
        "phone": "8 (918) 555-01-01",
        "email": "Anna@Example.com",
        "district": "adlersky",
        "housing": "house",
        "other_animals": "кот",
        "experience": "10 лет с собаками",
        "message": "Хотим познакомиться",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def pet(shelter_page):
    return PetFactory(name="Найда", status=PetStatus.LOOKING)


def test_application_is_saved_with_consent_version_and_the_link_is_mailed(
    client, pet, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/shelter/pets/{pet.pk}/", form())
    application = AdoptionApplication.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/shelter/applications/{application.token}/"
    assert application.email == "anna@example.com"
    assert str(application.phone) == "+79185550101"
    assert application.consent_version == current_consent("adoption").version
    assert application.step == Step.SUBMITTED
    assert len(mail.outbox) == 1
    assert f"/shelter/applications/{application.token}/" in mail.outbox[0].body


def test_without_consent_nothing_is_saved_and_the_form_keeps_what_was_typed(client, pet):
    response = client.post(f"/shelter/pets/{pet.pk}/", form(consent=""))
    assert response.status_code == 400
    assert not AdoptionApplication.objects.exists()
    assert "Без вашего согласия" in response.text
    assert "10 лет с собаками" in response.text


@pytest.mark.parametrize("phone", ["12345", "+1 202 555 0100x", "телефон"])
def test_a_phone_that_is_not_russian_is_refused(client, pet, phone):
    response = client.post(f"/shelter/pets/{pet.pk}/", form(phone=phone))
    assert response.status_code == 400
    assert "российский номер" in response.text


def test_second_open_application_for_the_same_pet_is_refused_with_a_friendly_error(client, pet):
    client.post(f"/shelter/pets/{pet.pk}/", form())
    response = client.post(f"/shelter/pets/{pet.pk}/", form(email="anna@example.com"))
    assert response.status_code == 400
    assert "уже есть открытая заявка" in response.text
    assert AdoptionApplication.objects.count() == 1


def test_the_honeypot_saves_nothing(client, pet):
    response = client.post(f"/shelter/pets/{pet.pk}/", form(website="http://spam.example"))
    assert response.status_code == 302
    assert not AdoptionApplication.objects.exists()


def test_too_many_applications_from_one_address_are_refused(client, pet, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "adoption_application": (2, 60)}
    for number in range(2):
        client.post(f"/shelter/pets/{pet.pk}/", form(email=f"a{number}@example.com"))
    response = client.post(f"/shelter/pets/{pet.pk}/", form(email="late@example.com"))
    assert response.status_code == 429
    assert AdoptionApplication.objects.count() == 2


def test_email_failure_keeps_the_application_and_the_mail_pending(
    client, pet, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_EMAIL_TRANSPORT = "tests.portal.failing_mail.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/shelter/pets/{pet.pk}/", form())
    assert response.status_code == 302
    application = AdoptionApplication.objects.get()
    pending = OutboundEmail.objects.get(to=application.email)
    assert pending.status == OutboundEmail.Status.PENDING
    assert pending.attempts == 1


def test_adopted_pet_takes_no_applications(client, shelter_page):
    pet = PetFactory(status=PetStatus.ADOPTED)
    assert client.post(f"/shelter/pets/{pet.pk}/", form()).status_code == 404
    assert "Отправить заявку" not in client.get(f"/shelter/pets/{pet.pk}/").text


def test_status_page_shows_the_timeline_to_anyone_with_the_link_and_is_not_indexed(client, pet):
    application = ApplicationFactory(pet=pet)
    application.advance(Step.SCREENING, message="Изучаем анкету", notify=False)
    response = client.get(f"/shelter/applications/{application.token}/")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.text
    assert "Изучаем анкету" in response.text
    assert "Рассмотрение" in response.text


@pytest.mark.parametrize("token", ["wrong", "x" * 32, "%27%20OR%201=1"])
def test_a_wrong_status_link_is_a_404(client, pet, token):
    ApplicationFactory(pet=pet)
    assert client.get(f"/shelter/applications/{token}/").status_code == 404


def test_status_pages_are_not_in_the_sitemap(client, pet):
    application = ApplicationFactory(pet=pet)
    assert application.token not in client.get("/sitemap.xml").text


def test_retention_command_anonymises_only_old_closed_applications(pet, settings):
    settings.SHELTER_APPLICATION_RETENTION_DAYS = 30
    old, recent, still_open = (ApplicationFactory(pet=pet) for _ in range(3))
    old.close(notify=False)
    recent.close(notify=False)
    AdoptionApplication.objects.filter(pk=old.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert anonymise_old_applications() == 1
    old.refresh_from_db()
    assert old.anonymised_at is not None
    assert old.name == "—" and "@invalid" in old.email and old.message == ""
    assert old.events.exists()  # the history stays for statistics
    recent.refresh_from_db()
    still_open.refresh_from_db()
    assert recent.anonymised_at is None and still_open.anonymised_at is None


def test_over_long_answers_are_refused_and_what_was_typed_is_shown_again(client, pet):
    response = client.post(
        f"/shelter/pets/{pet.pk}/", form(experience="x" * 1_000_000, message="я" * 5000)
    )
    assert response.status_code in (200, 400)
    errors = response.context["form"].errors
    assert "не более 2000 символов" in errors["experience"][0]
    assert "не более 4000 символов" in errors["message"][0]
    html = response.content.decode()
    assert 'maxlength="2000"' in html and "Анна Соколова" in html
    assert not AdoptionApplication.objects.exists()
