"""Consent texts (portal.consent) name the operator in the case the sentence needs, and every form
that asks for consent shows that sentence."""

import pytest

from portal.consent import CONSENTS
from tests.accounts.factories import make_user
from tests.producers.factories import ProducerIndexPageFactory, UserFactory
from tests.shelter.factories import PetFactory, ShelterIndexPageFactory

GIVEN_TO_OPERATOR = (
    "Я даю согласие администрации муниципального образования городской округ город-курорт Сочи"
)


@pytest.mark.parametrize("purpose", sorted(CONSENTS))
def test_consent_is_given_to_the_administration_in_the_dative(purpose):
    text = CONSENTS[purpose].text
    assert text.startswith(GIVEN_TO_OPERATOR)
    assert "согласие администрация" not in text


@pytest.mark.parametrize("purpose", ["adoption", "subscription", "producer", "voter"])
def test_new_wording_has_a_new_version(purpose):
    """Records made under the first wording keep "2026-11-1"; the corrected one is another."""
    assert CONSENTS[purpose].version != "2026-11-1"


@pytest.fixture
def shelter(home):
    return ShelterIndexPageFactory(parent=home)


@pytest.mark.django_db
def test_adoption_form_shows_the_consent(client, shelter):
    pet = PetFactory()
    assert GIVEN_TO_OPERATOR in client.get(f"/shelter/pets/{pet.pk}/").content.decode()


@pytest.mark.django_db
def test_subscription_form_shows_the_consent(client, shelter):
    assert GIVEN_TO_OPERATOR in client.get("/shelter/").content.decode()


@pytest.mark.django_db
def test_phone_confirmation_shows_the_voter_consent(client):
    client.force_login(make_user("resident", email_verified=True))
    assert GIVEN_TO_OPERATOR in client.get("/accounts/phone/").content.decode()


@pytest.mark.django_db
def test_new_producer_profile_shows_the_consent(client, home):
    ProducerIndexPageFactory(parent=home)
    client.force_login(UserFactory())
    assert GIVEN_TO_OPERATOR in client.get("/cabinet/profile/").content.decode()
