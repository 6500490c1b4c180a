"""The producer cabinet: who may enter, and that a producer touches only their own records."""

import pytest
from django.urls import reverse

from producers.models import ModerationStatus, Producer, Product
from tests.producers.factories import (
    CategoryFactory,
    FairDayFactory,
    ProducerFactory,
    ProductFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("directory", "on_demo_day")]


@pytest.fixture
def mine(client):
    producer = ProducerFactory()
    client.force_login(producer.owner)
    return producer


@pytest.fixture
def theirs():
    producer = ProducerFactory(name="Чужая пасека")
    product = ProductFactory(producer=producer, status=ModerationStatus.DRAFT, is_live=False)
    entry = FairDayFactory().add_producer(producer)
    return {"producer": producer, "product": product, "entry": entry}


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/cabinet/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_unconfirmed_email_is_told_to_confirm(client):
    client.force_login(UserFactory(verified=False))
    response = client.get("/cabinet/")
    assert response.status_code == 403
    assert "подтвердите" in response.content.decode().lower()


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "cabinet:product_edit"),
        ("post", "cabinet:product_edit"),
        ("post", "cabinet:product_submit"),
        ("get", "cabinet:product_delete"),
        ("post", "cabinet:product_delete"),
    ],
)
def test_another_producers_product_is_not_found(client, mine, theirs, method, url):
    product = theirs["product"]
    response = getattr(client, method)(reverse(url, args=[product.pk]), {"name": "Взлом"})
    assert response.status_code == 404
    product.refresh_from_db()
    assert product.name != "Взлом" and product.status == ModerationStatus.DRAFT
    assert Product.objects.filter(pk=product.pk).exists()


def test_another_producers_fair_entry_cannot_be_removed(client, mine, theirs):
    response = client.post(reverse("cabinet:leave_fair", args=[theirs["entry"].pk]))
    assert response.status_code == 404
    assert theirs["producer"].fair_entries.exists()


def test_profile_page_edits_only_the_signed_in_producer(client, mine, theirs):
    response = client.get("/cabinet/profile/")
    assert response.context["form"].instance == mine
    client.post("/cabinet/profile/submit/")
    theirs["producer"].refresh_from_db()
    assert theirs["producer"].status == ModerationStatus.PUBLISHED


def test_user_without_a_profile_cannot_reach_products(client):
    client.force_login(UserFactory())
    assert client.get("/cabinet/products/new/").status_code == 404
    assert client.post("/cabinet/profile/submit/").status_code == 404


def profile_data(category, **extra):
    return {
        "name": "Сыроварня «Ачишхо»",
        "legal_form": "organisation",
        "legal_name": "ООО «Ачишхо»",
        "inn": "7707083893",
        "ogrn": "1027700132195",
        "categories": [category.pk],
        "district": "adlersky",
        "consent": "on",
        **extra,
    }


def test_new_producer_fills_the_profile_with_consent_and_submits_it(client):
    user = UserFactory()
    client.force_login(user)
    category = CategoryFactory()
    response = client.post("/cabinet/profile/", profile_data(category))
    assert response.status_code == 302
    producer = Producer.objects.get(owner=user)
    assert producer.status == ModerationStatus.DRAFT and not producer.is_live
    assert producer.consent_version and producer.consented_at
    client.post("/cabinet/profile/submit/")
    producer.refresh_from_db()
    assert producer.status == ModerationStatus.SUBMITTED


def test_profile_with_a_bad_inn_is_shown_again_with_what_was_typed(client):
    client.force_login(UserFactory())
    response = client.post("/cabinet/profile/", profile_data(CategoryFactory(), inn="7707083894"))
    assert response.status_code == 200
    assert "inn" in response.context["form"].errors
    assert "Сыроварня" in response.content.decode()
    assert not Producer.objects.exists()


def test_profile_without_consent_is_not_saved(client):
    client.force_login(UserFactory())
    data = profile_data(CategoryFactory())
    del data["consent"]
    response = client.post("/cabinet/profile/", data)
    assert "consent" in response.context["form"].errors


def test_published_producer_adds_and_submits_a_product(client, mine):
    category = CategoryFactory()
    response = client.post(
        "/cabinet/products/new/",
        {
            "name": "Мёд акациевый",
            "category": category.pk,
            "months": ["5", "6"],
            "availability": "available",
        },
    )
    assert response.status_code == 302
    product = mine.products.get()
    assert product.month_numbers == [5, 6]
    client.post(reverse("cabinet:product_submit", args=[product.pk]))
    product.refresh_from_db()
    assert product.status == ModerationStatus.SUBMITTED


def test_submissions_are_rate_limited(client, mine, settings):
    settings.PORTAL_RATE_LIMITS = {**settings.PORTAL_RATE_LIMITS, "producer_submit": (1, 3600)}
    first, second = (
        ProductFactory(producer=mine, status=ModerationStatus.DRAFT, is_live=False)
        for _ in range(2)
    )
    client.post(reverse("cabinet:product_submit", args=[first.pk]))
    response = client.post(reverse("cabinet:product_submit", args=[second.pk]))
    assert response.status_code == 429
    second.refresh_from_db()
    assert second.status == ModerationStatus.DRAFT


def test_producer_signs_up_for_a_fair_day(client, mine):
    day = FairDayFactory()
    client.post("/cabinet/fairs/", {"fair_day": day.pk})
    assert day.roster.filter(producer=mine).exists()
    assert client.post("/cabinet/fairs/", {"fair_day": "abc"}).status_code == 302


@pytest.mark.parametrize("value", ["²", "١", "99999999999999999999999999", "-5", "1\x00"])
def test_fair_day_sign_up_with_an_impossible_id_is_refused_with_a_message(client, mine, value):
    FairDayFactory()
    response = client.post("/cabinet/fairs/", {"fair_day": value}, follow=True)
    assert response.status_code == 200
    assert "Выберите ярмарочный день из списка" in response.content.decode()
    assert not mine.fair_entries.exists()


def test_over_long_profile_description_is_refused_and_the_rest_is_kept(client):
    client.force_login(UserFactory())
    data = profile_data(CategoryFactory(), description="m" * 1_000_000, where_to_buy="у" * 5000)
    response = client.post("/cabinet/profile/", data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "не более 10000 символов" in errors["description"][0]
    assert "не более 4000 символов" in errors["where_to_buy"][0]
    assert "Сыроварня" in response.content.decode()
    assert 'maxlength="10000"' in response.content.decode()
    assert not Producer.objects.exists()


def test_over_long_product_description_is_refused_and_the_rest_is_kept(client, mine):
    category = CategoryFactory()
    data = {"name": "Мёд каштановый", "category": category.pk, "months": ["5"]}
    data |= {"availability": "available", "description": "м" * 1_000_000}
    response = client.post("/cabinet/products/new/", data)
    assert response.status_code == 200
    assert "не более 10000 символов" in response.context["form"].errors["description"][0]
    assert "Мёд каштановый" in response.content.decode()
    assert not mine.products.exists()
