"""The pages of shelter events: the list, the event page with its sign-up form, the cancellation
page the letters link to, the iCal file, «Нужды приюта», and their query counts."""

import pytest
from django.core import mail

from calendar_pages.models import EventCategory
from shelter.models import EventSignup, SignupState
from tests.accounts.factories import make_user
from tests.calendar_pages.factories import CityEventFactory
from tests.shelter.event_factories import (
    ShelterEventFactory,
    ShelterNeedFactory,
    SignupSettingsFactory,
    signup_for,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def signup_settings(shelter_page):
    return SignupSettingsFactory(
        event=ShelterEventFactory(title="Выставка «Найди друга»"),
        visitor_places=1,
        volunteer_places=0,
    )


def event_url(signup_settings):
    return f"/shelter/events/{signup_settings.event_id}/"


def form_data(**extra):
    return {"kind": "visitor", "name": "Анна", "phone": "", "consent": "on", **extra}


def test_anonymous_visitor_sees_places_left_and_a_sign_in_link(client, signup_settings):
    response = client.get(event_url(signup_settings))
    html = response.content.decode()
    assert response.status_code == 200
    assert "осталось 1 место" in html
    assert "Войдите, чтобы записаться" in html
    assert 'name="kind"' not in html


def test_a_resident_signs_up_and_sees_the_sign_up(
    client, signup_settings, django_capture_on_commit_callbacks
):
    user = make_user("anna", email_verified=True)
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event_url(signup_settings), form_data())
    assert response.status_code == 302
    signup = EventSignup.objects.get(user=user)
    assert signup.state == SignupState.CONFIRMED and signup.email == "anna@example.org"
    assert len(mail.outbox) == 1
    page = client.get(event_url(signup_settings)).content.decode()
    assert "место за вами" in page
    assert f"/shelter/events/cancel/{signup.token}/" in page


def test_the_second_resident_is_put_on_the_waiting_list(client, signup_settings):
    signup_for(signup_settings, make_user("first", email_verified=True))
    client.force_login(make_user("second", email_verified=True))
    response = client.post(event_url(signup_settings), form_data(), follow=True)
    assert "1-й в листе ожидания" in response.content.decode()
    assert EventSignup.objects.filter(state=SignupState.WAITING).count() == 1


def test_an_anonymous_post_is_refused_in_russian(client, signup_settings):
    response = client.post(event_url(signup_settings), form_data())
    assert response.status_code == 403
    assert "Войдите, чтобы записаться на событие" in response.content.decode()
    assert not EventSignup.objects.exists()


def test_an_unconfirmed_email_is_refused_in_russian(client, signup_settings):
    client.force_login(make_user("unconfirmed"))
    response = client.post(event_url(signup_settings), form_data())
    assert response.status_code == 403
    assert "подтвердите адрес электронной почты" in response.content.decode()


def test_a_kind_the_event_does_not_take_is_a_form_error(client, signup_settings):
    client.force_login(make_user("vol", email_verified=True))
    response = client.post(event_url(signup_settings), form_data(kind="volunteer"))
    assert response.status_code == 400
    assert not EventSignup.objects.exists()


def test_the_cancellation_link_cancels_only_on_post_and_moves_the_next_up(
    client, signup_settings, django_capture_on_commit_callbacks
):
    first = signup_for(signup_settings, make_user("first", email_verified=True))
    waiting = signup_for(signup_settings, make_user("second", email_verified=True))
    url = f"/shelter/events/cancel/{first.token}/"
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    first.refresh_from_db()
    assert first.state == SignupState.CONFIRMED  # a mail scanner's GET cancels nothing
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert "отменена" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.state == SignupState.CONFIRMED
    assert sorted(message.to[0] for message in mail.outbox) == [
        "first@example.org",
        "second@example.org",
    ]
    assert client.post(url).status_code == 409


def test_an_unknown_cancellation_key_is_not_found(client, shelter_page):
    assert client.get("/shelter/events/cancel/no-such-key/").status_code == 404


def test_the_ical_file_describes_the_event(client, signup_settings):
    response = client.get(f"{event_url(signup_settings)}event.ics")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Выставка «Найди друга»" in body
    assert f"/shelter/events/{signup_settings.event_id}/" in body


def test_events_without_sign_ups_or_of_other_categories_are_not_found(client, shelter_page):
    fair = SignupSettingsFactory(event=CityEventFactory(category=EventCategory.FAIR))
    assert client.get(event_url(fair)).status_code == 404
    assert client.get("/shelter/events/999999/").status_code == 404


def test_the_list_shows_upcoming_events_with_places_left(client, signup_settings):
    signup_for(signup_settings, make_user("first", email_verified=True))
    html = client.get("/shelter/events/").content.decode()
    assert "Выставка «Найди друга»" in html
    assert "мест нет" in html


def test_needs_show_on_the_catalog_and_event_page_with_the_drop_off_address(
    client, signup_settings, shelter_page
):
    shelter_page.drop_off_address = "ул. Гастелло, 45"
    shelter_page.drop_off_hours = "ежедневно с 10:00 до 18:00"
    shelter_page.save_revision().publish()
    ShelterNeedFactory(title="Пелёнки", quantity_needed=100, quantity_received=40, unit="штук")
    ShelterNeedFactory(title="Бинты", quantity_needed=10, quantity_received=10)
    for url in ["/shelter/", event_url(signup_settings)]:
        html = client.get(url).content.decode()
        assert "Пелёнки" in html and "ещё 60 штук из 100" in html, url
        assert "Бинты" not in html, url  # met needs are not asked for
        assert "ул. Гастелло, 45" in html, url


@pytest.mark.parametrize("signups", [3, 60])
def test_event_pages_queries_do_not_grow_with_sign_ups(
    client, signup_settings, signups, django_assert_max_num_queries
):
    signup_settings.visitor_places = 10
    signup_settings.save()
    for number in range(signups):
        ShelterNeedFactory()
        signup_for(signup_settings, make_user(f"r{number}", email_verified=True))
    SignupSettingsFactory.create_batch(signups // 3)
    user = make_user("me", email_verified=True)
    signup_for(signup_settings, user)
    urls = ["/shelter/events/", event_url(signup_settings)]
    for url in urls:
        client.get(url)
        with django_assert_max_num_queries(12):
            assert client.get(url).status_code == 200
    client.force_login(user)
    # The page with one's own sign-up and its place on the waiting list: never shared.
    with django_assert_max_num_queries(18):
        assert client.get(event_url(signup_settings)).status_code == 200


def test_shelter_staff_add_places_in_the_admin_and_the_first_waiting_moves_up(
    client, signup_settings, django_user_model
):
    from django.contrib.auth.models import Group

    from portal import roles

    roles.ensure_roles()
    staff = django_user_model.objects.create_user("shelter-staff")
    staff.groups.add(Group.objects.get(name=roles.SHELTER))
    signup_for(signup_settings, make_user("first", email_verified=True))
    waiting = signup_for(signup_settings, make_user("second", email_verified=True))
    client.force_login(staff)
    url = f"/admin/snippets/shelter/eventsignupsettings/edit/{signup_settings.pk}/"
    page = client.get(url).content.decode()
    assert "Житель second" in page  # the sign-ups, read-only
    response = client.post(
        url,
        {
            "event": signup_settings.event_id,
            "visitor_places": 2,
            "volunteer_places": 0,
            "signups_open": "on",
            "closes_at": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    waiting.refresh_from_db()
    assert waiting.state == SignupState.CONFIRMED
