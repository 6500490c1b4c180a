"""Who may see and change what: anonymous, a plain citizen, each staff group and a superuser,
for the admin of pets, applications and subscriptions; the private status page by link only."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from portal import roles
from shelter.models import Pet, PetStatus
from tests.shelter.factories import ApplicationFactory, PetFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db

MODELS = ["pet", "adoptionapplication", "subscription"]
ACTIONS = ["list", "edit"]
WHO = ["anonymous", "citizen", *roles.STAFF_GROUPS, "superuser"]


@pytest.fixture
def login(client, django_user_model, site_tree):
    def as_(who):
        if who == "anonymous":
            return client
        user = django_user_model.objects.create_user(
            username=f"user-{abs(hash(who))}",
            password="password",
            is_staff=who != "citizen",
            is_superuser=who == "superuser",
        )
        if who in roles.STAFF_GROUPS:
            user.groups.add(Group.objects.get(name=who))
        client.force_login(user)
        return client

    return as_


@pytest.fixture
def objects(shelter_page):
    pet = PetFactory()
    return {
        "pet": pet,
        "adoptionapplication": ApplicationFactory(pet=pet),
        "subscription": SubscriptionFactory(),
    }


def admin_url(model, action, obj):
    name = f"wagtailsnippets_shelter_{model}:{action}"
    return reverse(name, args=[obj.pk]) if action == "edit" else reverse(name)


def allowed(who):
    return who in (roles.SHELTER, "superuser")


def assert_turned_away(who, response, url):
    """The admin's refusal: without staff rights, a sign-in that comes back to `url`; staff
    without the shelter permissions, the admin home."""
    assert response.status_code == 302
    if who in ("anonymous", "citizen"):
        login = reverse("wagtailadmin_login")
        assert response["Location"] == f"{login}?{urlencode({'next': url}, safe='/')}"
    else:
        assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("action", ACTIONS)
def test_only_the_shelter_group_and_superusers_open_the_shelter_admin(
    login, objects, who, model, action
):
    client = login(who)
    url = admin_url(model, action, objects[model])
    response = client.get(url)
    if allowed(who):
        assert response.status_code == 200
    else:
        assert_turned_away(who, response, url)


@pytest.mark.parametrize("who", WHO)
def test_only_the_shelter_group_and_superusers_may_move_an_application(login, objects, who):
    application = objects["adoptionapplication"]
    client = login(who)
    url = admin_url("adoptionapplication", "edit", application)
    response = client.get(url)
    if not allowed(who):
        assert_turned_away(who, response, url)
        return
    form = response.context["form"]
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields
    }
    data.update(next_step="screening", step_message="Изучаем анкету", phone="+79185550101")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    application.refresh_from_db()
    assert application.step == "screening"


@pytest.mark.parametrize("who", WHO)
def test_bulk_status_change_is_for_the_shelter_group(login, objects, who):
    pet = objects["pet"]
    client = login(who)
    url = (
        reverse("wagtail_bulk_action", args=("shelter", "pet", "change_pet_status"))
        + f"?id={pet.pk}&next=/admin/"
    )
    response = client.post(url, {"status": PetStatus.RESERVED, "note": "бронь"})
    pet.refresh_from_db()
    if allowed(who):
        assert response.status_code == 302
        assert pet.status == PetStatus.RESERVED
        assert pet.status_changes.get().note == "бронь"
    else:
        assert_turned_away(who, response, url)
        assert pet.status == PetStatus.LOOKING


@pytest.mark.parametrize("who", WHO)
def test_the_status_page_works_by_link_for_anyone_and_hides_nothing_behind_login(
    login, objects, who
):
    application = objects["adoptionapplication"]
    client = login(who)
    assert client.get(f"/shelter/applications/{application.token}/").status_code == 200
    assert client.get("/shelter/applications/not-the-token/").status_code == 404


def test_private_pet_facts_never_reach_the_public_page(client, shelter_page):
    pet = PetFactory(microchip_number="643094100123456", private_notes="кусается при осмотре")
    text = client.get(f"/shelter/pets/{pet.pk}/").text
    assert "643094100123456" not in text
    assert "кусается" not in text
    assert Pet.objects.filter(pk=pet.pk).exists()
