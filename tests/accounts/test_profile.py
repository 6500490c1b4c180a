"""The resident's page /accounts/profile/: the account's state, then what the person did on the
portal, one section per holding of personal data."""

import pytest
from django.utils import timezone

from shelter.models import FavouritePet
from tests.accounts.factories import make_user
from tests.accounts.resident import resident_with_every_record
from tests.shelter.factories import ApplicationFactory, PetFactory

pytestmark = pytest.mark.django_db


def test_profile_shows_every_kind_of_record(client, home):
    resident = resident_with_every_record(home)
    client.force_login(resident.user)
    page = client.get("/accounts/profile/").content.decode()
    before = resident.application_before_sign_up
    # The application sent before signing up, found by the address confirmed since, with its step.
    assert f"/shelter/applications/{before.token}/" in page
    assert "Заявка на питомца: Бублик" in page and "Текущий этап: <strong>Рассмотрение" in page
    assert f"/shelter/applications/{resident.application_signed_in.token}/" in page
    assert f"receipt/{resident.vote.receipt_code}/" in page
    assert "Дружок" in page
    assert f"/subscriptions/{resident.subscription.token}/unsubscribe/" in page
    assert "/cabinet/" in page and resident.producer.name in page
    assert "Когда откроют парк?" in page and "на модерации" in page  # the comment and its state
    assert page.count("/unsubscribe/") >= 3  # shelter, news and calendar subscriptions
    assert "/accounts/profile/data.json" in page and "/accounts/profile/delete/" in page


def test_profile_of_a_new_account_has_no_empty_sections(client):
    client.force_login(make_user("newcomer", email_verified=True))
    page = client.get("/accounts/profile/").content.decode()
    assert "Заявки на питомцев" not in page and "Кабинет производителя" not in page


def test_an_unconfirmed_address_does_not_claim_applications(client, home):
    from tests.shelter.factories import ShelterIndexPageFactory

    ShelterIndexPageFactory(parent=home)
    user = make_user("someone", email_verified=False)
    application = ApplicationFactory(email=user.email, applicant=None)
    client.force_login(user)
    assert application.token not in client.get("/accounts/profile/").content.decode()


def test_profile_queries_do_not_grow_with_the_records(client, home, django_assert_max_num_queries):
    resident = resident_with_every_record(home)
    for _n in range(15):
        pet = PetFactory(published_at=timezone.now())
        ApplicationFactory(pet=pet, email=resident.user.email)
        FavouritePet.objects.create(user=resident.user, pet=pet)
    client.force_login(resident.user)
    with django_assert_max_num_queries(32):
        response = client.get("/accounts/profile/")
    assert response.status_code == 200
    assert response.content.decode().count("/shelter/applications/") == 17
