"""Volunteer applications: who may apply, the form's rules (age, guardian, consent), staff review
with its e-mails, and the pages' answers to bad input."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.consent import current as current_consent
from portal.models import OutboundEmail
from shelter.models import VolunteerApplication, VolunteerState
from tests.accounts.factories import make_user
from tests.shelter.volunteer_factories import VolunteerApplicationFactory

pytestmark = pytest.mark.django_db
URL = "/shelter/volunteers/"


def years_ago(years, days=0):
    today = timezone.localdate()
    return (today.replace(year=today.year - years) + datetime.timedelta(days=days)).strftime(
        "%d.%m.%Y"
    )


def form(**overrides):
    data = {
        "full_name": "Мария Иванова",
        "phone": "+7 918 123-45-67",
        "birth_date": years_ago(30),
        "skills": ["walking_dogs", "photography"],
        "availability": ["weekends"],
        "experience": "Держала собак.",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def resident(client):
    user = make_user("resident", email_verified=True)
    client.force_login(user)
    return user


def test_a_resident_applies_and_gets_the_received_letter(client, shelter_page, resident):
    response = client.post(URL, form())
    assert response.status_code == 302
    application = VolunteerApplication.objects.get(user=resident)
    assert application.state == VolunteerState.SUBMITTED
    assert application.skills == ["walking_dogs", "photography"]
    assert application.consent_version == current_consent("volunteer").version
    assert application.guardian_name == "" and not application.guardian_consent
    mail = OutboundEmail.objects.get(to=resident.email)
    assert mail.template == "shelter/mail/volunteer_received"


def test_the_page_is_never_kept_in_the_page_cache(client, shelter_page):
    response = client.get(URL)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_an_anonymous_post_goes_to_sign_in(client, shelter_page):
    response = client.post(URL, form())
    assert response.status_code == 302 and "login" in response["Location"]
    assert not VolunteerApplication.objects.exists()


def test_an_unconfirmed_email_cannot_apply(client, shelter_page):
    client.force_login(make_user("unconfirmed"))
    response = client.post(URL, form())
    assert response.status_code == 403
    assert "Подтвердите адрес" in response.content.decode()
    assert not VolunteerApplication.objects.exists()


def test_consent_is_required(client, shelter_page, resident):
    response = client.post(URL, form(consent=None))
    assert response.status_code == 400
    assert "Без вашего согласия" in response.content.decode()
    assert not VolunteerApplication.objects.exists()


def test_under_fourteen_is_refused(client, shelter_page, resident):
    response = client.post(URL, form(birth_date=years_ago(13)))
    assert response.status_code == 400
    assert "не моложе 14" in response.content.decode()


def test_a_minor_needs_the_guardian_and_their_consent(client, shelter_page, resident):
    response = client.post(URL, form(birth_date=years_ago(16)))
    assert response.status_code == 400
    page = response.content.decode()
    assert "имя законного представителя" in page
    assert "согласием законного представителя" in page
    assert not VolunteerApplication.objects.exists()


def test_a_minor_with_the_guardian_consent_applies(client, shelter_page, resident):
    response = client.post(
        URL,
        form(
            birth_date=years_ago(16),
            guardian_name="Ольга Иванова",
            guardian_phone="+7 918 765-43-21",
            guardian_consent="on",
        ),
    )
    assert response.status_code == 302
    application = VolunteerApplication.objects.get(user=resident)
    assert application.is_minor and application.guardian_consent


def test_a_day_before_the_eighteenth_birthday_is_a_minor(client, shelter_page, resident):
    response = client.post(URL, form(birth_date=years_ago(18, days=1)))
    assert response.status_code == 400
    response = client.post(URL, form(birth_date=years_ago(18)))
    assert response.status_code == 302


@pytest.mark.parametrize(
    "overrides",
    [
        {"birth_date": "31.02.2000"},
        {"birth_date": "x" * 300},
        {"birth_date": years_ago(-1)},
        {"phone": "+1 202 555 0100"},
        {"skills": ["flying"]},
        {"skills": []},
        {"availability": ["never"]},
        {"skills": ["other"], "skills_other": ""},
        {"full_name": "я" * 1000},
        {"experience": "я" * 5000},
    ],
)
def test_bad_input_gets_a_russian_400(client, shelter_page, resident, overrides):
    response = client.post(URL, form(**overrides))
    assert response.status_code == 400
    assert "field--invalid" in response.content.decode()
    assert not VolunteerApplication.objects.exists()


def test_a_second_application_while_one_is_active_is_refused(client, shelter_page, resident):
    VolunteerApplicationFactory(user=resident, state=VolunteerState.SUBMITTED)
    response = client.post(URL, form())
    assert response.status_code == 409
    assert "У вас уже есть заявка" in response.content.decode()
    assert VolunteerApplication.objects.count() == 1


def test_after_a_refusal_one_may_apply_again(client, shelter_page, resident):
    VolunteerApplicationFactory(user=resident, state=VolunteerState.REFUSED)
    assert client.post(URL, form()).status_code == 302
    assert VolunteerApplication.objects.filter(user=resident).count() == 2


def test_the_database_allows_one_active_application_per_person():
    application = VolunteerApplicationFactory(state=VolunteerState.SUBMITTED)
    with pytest.raises(Exception, match="unique|UNIQUE"):
        VolunteerApplicationFactory(user=application.user)


def test_withdrawing_cancels_nothing_past_and_frees_the_person(client, shelter_page, resident):
    application = VolunteerApplicationFactory(user=resident, state=VolunteerState.SUBMITTED)
    response = client.post(URL, {"action": "withdraw"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == VolunteerState.WITHDRAWN


# --- staff review -----------------------------------------------------------------------------


def test_accepting_queues_the_letter_with_the_shifts_link(shelter_page):
    application = VolunteerApplicationFactory(state=VolunteerState.SUBMITTED)
    staff = make_user("staff-member")
    application.accept(by=staff)
    application.refresh_from_db()
    assert application.state == VolunteerState.ACCEPTED
    assert application.decided_by == staff and application.decided_at is not None
    mail = OutboundEmail.objects.get(to=application.user.email)
    assert mail.template == "shelter/mail/volunteer_accepted"
    assert "/shelter/volunteers/shifts/" in mail.body


def test_refusing_needs_a_reason_and_sends_it(shelter_page):
    application = VolunteerApplicationFactory(state=VolunteerState.SUBMITTED)
    with pytest.raises(ValidationError):
        application.refuse(by=None, reason="  ")
    application.refuse(by=None, reason="Сейчас набор закрыт.")
    application.refresh_from_db()
    assert application.state == VolunteerState.REFUSED
    mail = OutboundEmail.objects.get(to=application.user.email)
    assert mail.template == "shelter/mail/volunteer_refused"
    assert "Сейчас набор закрыт." in mail.body


def test_a_decided_application_cannot_be_decided_again(shelter_page):
    application = VolunteerApplicationFactory(state=VolunteerState.REFUSED)
    with pytest.raises(ValidationError):
        application.accept(by=None)
    assert VolunteerApplication.objects.get().state == VolunteerState.REFUSED
    assert not OutboundEmail.objects.exists()


def test_staff_accept_in_the_admin(client, shelter_page):
    from django.contrib.auth.models import Group

    from portal import roles

    roles.ensure_roles()
    staff = make_user("shelter-staff")
    staff.groups.add(Group.objects.get(name=roles.SHELTER))
    client.force_login(staff)
    application = VolunteerApplicationFactory(state=VolunteerState.SUBMITTED)
    url = f"/admin/snippets/shelter/volunteerapplication/edit/{application.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"decision": "refuse", "reason": ""})
    assert response.status_code == 200  # the form again: a refusal needs its reason
    response = client.post(url, {"decision": "accept", "reason": ""})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == VolunteerState.ACCEPTED and application.decided_by == staff


# --- personal data ----------------------------------------------------------------------------


def test_deleting_the_account_deletes_applications_and_frees_the_places(shelter_page):
    from accounts.deletion import delete_account
    from shelter.models import ShiftSignup
    from tests.shelter.volunteer_factories import ShiftSignupFactory

    application = VolunteerApplicationFactory()
    signup = ShiftSignupFactory(user=application.user)
    other = ShiftSignupFactory(shift=signup.shift, user=VolunteerApplicationFactory().user)
    delete_account(application.user)
    assert not VolunteerApplication.objects.filter(pk=application.pk).exists()
    assert list(ShiftSignup.objects.all()) == [other]


def test_the_profile_shows_the_application_and_the_shifts(client, shelter_page):
    from tests.shelter.volunteer_factories import ShiftSignupFactory

    application = VolunteerApplicationFactory()
    ShiftSignupFactory(user=application.user, shift__title="Фотосессия котов")
    client.force_login(application.user)
    page = client.get("/accounts/profile/").content.decode()
    assert "Волонтёрство в приюте" in page and "Фотосессия котов" in page
    assert "/shelter/volunteers/shifts/" in page


def test_staff_cannot_add_an_application_in_the_admin(client, shelter_page):
    from django.contrib.auth.models import Group

    from portal import roles

    roles.ensure_roles()
    staff = make_user("shelter-clerk")
    staff.groups.add(Group.objects.get(name=roles.SHELTER))
    client.force_login(staff)
    response = client.get("/admin/snippets/shelter/volunteerapplication/add/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    listing = client.get("/admin/snippets/shelter/volunteerapplication/")
    assert listing.status_code == 200
    assert "volunteerapplication/add/" not in listing.content.decode()
