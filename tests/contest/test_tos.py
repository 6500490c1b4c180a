"""A chair registers the ТОС; staff confirm it once, refuse it, or hand it to a new chair."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from contest.applications import ApplicationError, register_tos
from contest.models import Tos, TosStatus
from portal.models import OutboundEmail
from tests.contest.factories import TosFactory, make_user

pytestmark = pytest.mark.django_db

FORM = {
    "name": "ТОС «Бытха»",
    "district": "khostinsky",
    "territory": "ул. Бытха, 1–40",
    "decision_date": "2024-03-14",
    "decision_number": "12/24",
    "chair_full_name": "Иван Петрович Смирнов",
    "contacts": "+7 918 111-22-33",
}


@pytest.fixture
def resident(db):
    return make_user("resident", email_verified=True)


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")


def my_tos_url(contest_index):
    return contest_index.url + contest_index.reverse_subpage("my_tos")


def test_a_resident_registers_their_tos(client, contest_index, resident):
    client.force_login(resident)
    response = client.post(my_tos_url(contest_index), FORM)
    assert response.status_code == 302
    tos = Tos.objects.get()
    assert (tos.chair, tos.name, tos.status) == (resident, "ТОС «Бытха»", TosStatus.PENDING)
    page = client.get(my_tos_url(contest_index))
    assert "ожидает подтверждения" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"


def test_registration_with_bad_input_is_a_russian_400(client, contest_index, resident):
    client.force_login(resident)
    response = client.post(my_tos_url(contest_index), {**FORM, "decision_date": "вчера"})
    assert response.status_code == 400
    assert "Введите правильную дату" in response.content.decode()
    assert not Tos.objects.exists()


def test_a_resident_without_a_confirmed_email_cannot_register(client, contest_index):
    client.force_login(make_user("unconfirmed"))
    response = client.get(my_tos_url(contest_index))
    assert response.status_code == 403
    assert "Подтвердите адрес электронной почты" in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, contest_index):
    response = client.get(my_tos_url(contest_index))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_resident_chairs_one_tos_only(resident):
    TosFactory(chair=resident)
    with pytest.raises(ApplicationError) as refusal:
        register_tos(TosFactory.build(chair=None), chair=resident)
    assert refusal.value.status == 409


def test_the_database_refuses_a_second_tos_of_one_chair(resident):
    TosFactory(chair=resident)
    with pytest.raises(IntegrityError):
        TosFactory(chair=resident)


def test_staff_confirm_a_tos_once_and_the_chair_is_told(staff):
    tos = TosFactory()
    tos.confirm(by=staff)
    tos.refresh_from_db()
    assert tos.status == TosStatus.CONFIRMED and tos.decided_by == staff
    letter = OutboundEmail.objects.get(to=tos.chair.email)
    assert "подтверждён" in letter.subject
    with pytest.raises(ValidationError):
        tos.confirm(by=staff)


def test_a_refusal_needs_a_reason(staff):
    tos = TosFactory()
    with pytest.raises(ValidationError):
        tos.refuse(by=staff, reason=" ")
    tos.refuse(by=staff, reason="Нет решения совета")
    assert Tos.objects.get().status == TosStatus.REFUSED


def test_staff_hand_the_tos_to_a_new_chair(staff):
    tos = TosFactory(status=TosStatus.CONFIRMED)
    successor = make_user("successor", email_verified=True)
    tos.transfer_to(successor, full_name="Ольга Ивановна Ким", by=staff)
    tos.refresh_from_db()
    assert (tos.chair, tos.chair_full_name) == (successor, "Ольга Ивановна Ким")
    assert OutboundEmail.objects.filter(to=successor.email).exists()


def test_a_chair_of_another_tos_cannot_take_over(staff):
    tos, other = TosFactory(), TosFactory()
    with pytest.raises(ValidationError):
        tos.transfer_to(other.chair, full_name="Кто-то", by=staff)


def test_the_staff_desk_confirms_pending_tos(client, staff, site_tree):
    tos = TosFactory()
    client.force_login(staff)
    from django.urls import reverse

    listing = client.get(reverse("contest_admin:tos"))
    assert tos.name in listing.content.decode()
    client.post(reverse("contest_admin:tos_decide", args=[tos.pk]), {"action": "confirm"})
    assert Tos.objects.get().status == TosStatus.CONFIRMED
