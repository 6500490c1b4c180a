"""Favourite pets: in the session for a visitor, on the account when signed in, and the visitor's
list joins the account's at sign-in."""

import pytest
from django.utils import timezone

from shelter.favourites import SESSION_KEY
from shelter.models import FavouritePet
from tests.accounts.factories import make_user
from tests.shelter.factories import PetFactory, ShelterIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelter(home):
    return ShelterIndexPageFactory(parent=home)


def public_pet(name):
    return PetFactory(name=name, published_at=timezone.now())


def favourite_names(user):
    return {row.pet.name for row in FavouritePet.objects.filter(user=user)}


def test_signed_in_favourites_are_kept_on_the_account(client, shelter):
    user = make_user("resident", email_verified=True)
    pet = public_pet("Мурка")
    client.force_login(user)
    client.post("/shelter/favourites/", {"pet": pet.pk})
    assert favourite_names(user) == {"Мурка"}
    assert SESSION_KEY not in client.session
    # Another browser, signed in to the same account, sees them.
    other = type(client)()
    other.force_login(user)
    assert "Мурка" in other.get("/shelter/favourites/").content.decode()
    client.post("/shelter/favourites/", {"pet": pet.pk, "action": "remove"})
    assert favourite_names(user) == set()


def test_the_sessions_favourites_join_the_accounts_at_sign_in(client, shelter):
    user = make_user("resident", email_verified=True)
    kept, marked, both = public_pet("Барсик"), public_pet("Мурка"), public_pet("Бублик")
    FavouritePet.objects.create(user=user, pet=kept)
    FavouritePet.objects.create(user=user, pet=both)
    client.post("/shelter/favourites/", {"pet": marked.pk})
    client.post("/shelter/favourites/", {"pet": both.pk})
    assert client.login(username="resident", password="password")
    assert favourite_names(user) == {"Барсик", "Мурка", "Бублик"}
    assert SESSION_KEY not in client.session
    page = client.get("/shelter/favourites/").content.decode()
    assert all(name in page for name in ("Барсик", "Мурка", "Бублик"))


def test_a_pet_removed_before_sign_in_is_skipped_in_the_merge(client, shelter):
    user = make_user("resident", email_verified=True)
    gone = public_pet("Шарик")
    client.post("/shelter/favourites/", {"pet": gone.pk})
    gone.delete()
    assert client.login(username="resident", password="password")
    assert favourite_names(user) == set()


def test_visitors_favourites_stay_in_the_session(client, shelter):
    pet = public_pet("Мурка")
    client.post("/shelter/favourites/", {"pet": pet.pk})
    assert client.session[SESSION_KEY] == [pet.pk]
    assert not FavouritePet.objects.exists()
