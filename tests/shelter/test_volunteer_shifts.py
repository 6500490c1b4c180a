"""Volunteer shifts: who signs up, places, overlaps, the cap on upcoming shifts, cancellation up
to 12 hours before, the schedule page and its answers to bad input."""

import datetime

import pytest
from django.utils import timezone

from portal.models import OutboundEmail
from shelter import volunteering
from shelter.models import ShiftSignup, VolunteerState
from shelter.volunteering import VolunteeringError
from tests.accounts.factories import make_user
from tests.shelter.volunteer_factories import (
    ShiftSignupFactory,
    VolunteerApplicationFactory,
    VolunteerShiftFactory,
)

pytestmark = pytest.mark.django_db
URL = "/shelter/volunteers/shifts/"
HOUR = datetime.timedelta(hours=1)


def in_hours(hours, length=3, **fields):
    starts = timezone.now() + datetime.timedelta(hours=hours)
    return VolunteerShiftFactory(starts_at=starts, ends_at=starts + length * HOUR, **fields)


@pytest.fixture
def volunteer():
    return VolunteerApplicationFactory().user


def refusal(user, shift):
    with pytest.raises(VolunteeringError) as caught:
        volunteering.sign_up(user, shift.pk)
    return caught.value


def test_an_accepted_volunteer_signs_up_and_gets_the_letter(shelter_page, volunteer):
    shift = in_hours(48)
    signup = volunteering.sign_up(volunteer, shift.pk)
    assert signup.shift == shift and signup.cancelled_at is None
    mail = OutboundEmail.objects.get(to=volunteer.email)
    assert mail.template == "shelter/mail/volunteer_signed_up"
    assert f"/shelter/volunteers/shifts/#shift-{shift.pk}" in mail.body


@pytest.mark.parametrize("state", [VolunteerState.SUBMITTED, VolunteerState.REFUSED])
def test_only_accepted_volunteers_sign_up(state):
    user = VolunteerApplicationFactory(state=state).user
    assert refusal(user, in_hours(48)).status == 403
    assert refusal(make_user("nobody", email_verified=True), in_hours(48)).status == 403


def test_a_full_shift_refuses_the_next_volunteer(volunteer):
    shift = in_hours(48, places=1)
    volunteering.sign_up(VolunteerApplicationFactory().user, shift.pk)
    error = refusal(volunteer, shift)
    assert error.status == 409 and "все места" in str(error.message)


def test_a_cancelled_place_is_free_again(volunteer):
    shift = in_hours(48, places=1)
    other = VolunteerApplicationFactory().user
    volunteering.sign_up(other, shift.pk)
    volunteering.cancel(other, shift.pk)
    assert volunteering.sign_up(volunteer, shift.pk).shift == shift


def test_the_same_shift_twice_is_refused(volunteer):
    shift = in_hours(48)
    volunteering.sign_up(volunteer, shift.pk)
    assert refusal(volunteer, shift).status == 409
    assert ShiftSignup.objects.count() == 1


def test_a_started_shift_is_closed(volunteer):
    assert refusal(volunteer, in_hours(-1)).status == 409


def test_overlapping_shifts_are_refused_touching_ones_are_fine(volunteer):
    first = in_hours(48, length=3)
    volunteering.sign_up(volunteer, first.pk)
    overlapping = in_hours(50, length=3)
    error = refusal(volunteer, overlapping)
    assert error.status == 409 and first.title in error.message
    right_after = in_hours(51, length=2)
    assert volunteering.sign_up(volunteer, right_after.pk)


def test_the_cap_on_upcoming_shifts(volunteer, settings):
    settings.SHELTER_VOLUNTEER_MAX_UPCOMING_SHIFTS = 2
    for day in (1, 2):
        volunteering.sign_up(volunteer, in_hours(24 * day + 1).pk)
    error = refusal(volunteer, in_hours(24 * 3 + 1))
    assert error.status == 409 and "2" in error.message


def test_past_shifts_do_not_count_against_the_cap(volunteer, settings):
    settings.SHELTER_VOLUNTEER_MAX_UPCOMING_SHIFTS = 1
    ShiftSignupFactory(shift=in_hours(-30), user=volunteer)
    assert volunteering.sign_up(volunteer, in_hours(30).pk)


def test_cancelling_up_to_twelve_hours_before(shelter_page, volunteer):
    shift = in_hours(13)
    volunteering.sign_up(volunteer, shift.pk)
    signup = volunteering.cancel(volunteer, shift.pk)
    assert signup.cancelled_at is not None
    assert OutboundEmail.objects.filter(template="shelter/mail/volunteer_cancelled").count() == 1


def test_cancelling_later_than_twelve_hours_before_says_call(volunteer):
    shift = in_hours(11)
    ShiftSignupFactory(shift=shift, user=volunteer)
    with pytest.raises(VolunteeringError) as caught:
        volunteering.cancel(volunteer, shift.pk)
    assert caught.value.status == 409 and "позвоните" in caught.value.message
    assert ShiftSignup.objects.active().count() == 1


def test_withdrawing_cancels_upcoming_signups_only(volunteer):
    past = ShiftSignupFactory(shift=in_hours(-30), user=volunteer)
    upcoming = ShiftSignupFactory(shift=in_hours(30), user=volunteer)
    volunteer.volunteer_applications.get().withdraw()
    past.refresh_from_db()
    upcoming.refresh_from_db()
    assert past.cancelled_at is None and upcoming.cancelled_at is not None


# --- the schedule page ------------------------------------------------------------------------


def test_the_schedule_is_for_accepted_volunteers(client, shelter_page):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(VolunteerApplicationFactory(state=VolunteerState.SUBMITTED).user)
    response = client.get(URL)
    assert response.status_code == 403
    assert "Расписание откроется" in response.content.decode()


def test_sign_up_and_cancel_through_the_page(client, shelter_page, volunteer):
    shift = in_hours(48, title="Фотосессия котов")
    client.force_login(volunteer)
    page = client.get(URL)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "Фотосессия котов" in page.content.decode()
    response = client.post(URL, {"shift": shift.pk, "action": "sign_up"})
    assert response.status_code == 302
    page = client.get(URL).content.decode()
    assert "Вы записаны на смену" in page
    response = client.post(URL, {"shift": shift.pk, "action": "cancel"})
    assert response.status_code == 302
    assert not ShiftSignup.objects.active().exists()


def test_a_refusal_is_shown_with_its_status(client, shelter_page, volunteer):
    shift = in_hours(48, places=1)
    ShiftSignupFactory(shift=shift, user=VolunteerApplicationFactory().user)
    client.force_login(volunteer)
    response = client.post(URL, {"shift": shift.pk, "action": "sign_up"})
    assert response.status_code == 409
    assert "все места на этой смене заняты" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"shift": "abc", "action": "sign_up"},
        {"shift": "-1", "action": "sign_up"},
        {"shift": "99999999999999999999", "action": "sign_up"},
        {"shift": "1", "action": "explode"},
        {"shift": "1\x00", "action": "cancel"},
    ],
)
def test_bad_input_gets_a_russian_400(client, shelter_page, volunteer, data):
    client.force_login(volunteer)
    response = client.post(URL, data)
    assert response.status_code == 400
    assert "Такой смены нет" in response.content.decode()


def test_a_missing_shift_is_a_404_with_a_russian_message(client, shelter_page, volunteer):
    client.force_login(volunteer)
    response = client.post(URL, {"shift": "424242", "action": "sign_up"})
    assert response.status_code == 404
    assert "Такой смены нет" in response.content.decode()


def test_the_schedule_page_queries_do_not_grow_with_shifts(
    client, shelter_page, volunteer, django_assert_max_num_queries
):
    client.force_login(volunteer)
    for hours in (30, 60):
        ShiftSignupFactory(shift=in_hours(hours), user=volunteer)
    in_hours(90)
    with django_assert_max_num_queries(20) as small:
        assert client.get(URL).status_code == 200
    for hours in range(100, 130):
        ShiftSignupFactory(shift=in_hours(hours, length=1), user=VolunteerApplicationFactory().user)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(URL).status_code == 200
