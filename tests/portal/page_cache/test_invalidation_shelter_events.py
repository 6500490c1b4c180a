"""Kept pages of shelter events are never stale: a sign-up or cancellation out-dates the places
left on the event page and the list, a change of «Нужды приюта» the catalog and event pages."""

import pytest

from shelter.event_signups import cancel
from tests.accounts.factories import make_user
from tests.portal.page_cache.visits import fresh, kept
from tests.shelter.event_factories import ShelterNeedFactory, SignupSettingsFactory, signup_for
from tests.shelter.factories import ShelterIndexPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def signup_settings(home):
    ShelterIndexPageFactory(parent=home)
    return SignupSettingsFactory(visitor_places=1, volunteer_places=0)


def test_a_sign_up_and_a_cancellation_change_the_places_left(client, signup_settings):
    urls = (f"/shelter/events/{signup_settings.event_id}/", "/shelter/events/")
    for url in urls:
        assert "осталось 1 место" in kept(client, url)
    signup = signup_for(signup_settings, make_user("first", email_verified=True))
    for url in urls:
        assert "мест нет" in fresh(client, url)
        kept(client, url)
    cancel(signup)
    for url in urls:
        assert "осталось 1 место" in fresh(client, url)


def test_a_need_received_in_full_leaves_the_catalog_and_the_event_page(client, signup_settings):
    need = ShelterNeedFactory(title="Пелёнки")
    urls = ("/shelter/", f"/shelter/events/{signup_settings.event_id}/")
    for url in urls:
        assert "Пелёнки" in kept(client, url)
    need.quantity_received = need.quantity_needed
    need.save()
    for url in urls:
        assert "Пелёнки" not in fresh(client, url)
