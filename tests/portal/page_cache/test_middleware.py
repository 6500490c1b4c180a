"""What the page cache shares, with whom, and for how long (portal.page_cache.middleware)."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from portal.models import MainMenu
from portal.page_cache.middleware import STATUS_HEADER
from portal.page_cache.tables import GENERATION_KEY
from tests.shelter.factories import PetFactory, ShelterIndexPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TOKEN_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


@pytest.fixture
def shelter(home):
    return ShelterIndexPageFactory(parent=home)


@pytest.fixture
def pet(shelter):
    return PetFactory(name="Бобик")


def status(response):
    return response[STATUS_HEADER]


def test_the_second_anonymous_visit_is_served_from_the_cache(client, home):
    first, second = client.get("/"), client.get("/")
    assert (status(first), status(second)) == ("miss", "hit")
    assert second.content == first.content
    assert "public" in second["Cache-Control"]
    assert second["ETag"]


def test_a_head_request_is_answered_from_the_same_entry(client, home):
    client.get("/")
    assert status(client.head("/")) == "hit"


def test_the_browser_revalidates_with_its_etag_and_gets_304(client, home):
    etag = client.get("/")["ETag"]
    response = client.get("/", headers={"if-none-match": etag})
    assert response.status_code == 304


def test_a_kept_form_gets_each_visitor_their_own_working_csrf_token(shelter, pet):
    first = Client(enforce_csrf_checks=True)
    second = Client(enforce_csrf_checks=True)
    first_page = first.get(shelter.url)
    second_page = second.get(shelter.url)
    assert (status(first_page), status(second_page)) == ("miss", "hit")
    first_token = TOKEN_FIELD.search(first_page.content.decode())[1]
    second_token = TOKEN_FIELD.search(second_page.content.decode())[1]
    assert first_token != second_token
    assert "csrftoken" in second_page.cookies
    # The page with a visitor's own token is theirs alone for browsers and proxies.
    assert "private" in second_page["Cache-Control"]
    posted = second.post(
        f"{shelter.url}favourites/",
        {"csrfmiddlewaretoken": second_token, "pet": pet.pk, "action": "add", "next": shelter.url},
    )
    assert posted.status_code == 302


def test_a_visitor_with_a_session_is_never_served_a_shared_page(client, shelter, pet):
    client.get(shelter.url)
    assert status(client.get(shelter.url)) == "hit"
    session = client.session
    session["shelter_favourites"] = [pet.pk]
    session.save()
    client.cookies["sessionid"] = session.session_key
    response = client.get(shelter.url)
    assert STATUS_HEADER not in response
    assert 'aria-pressed="true"' in response.content.decode()


def test_the_version_for_the_visually_impaired_is_kept_apart(client, home):
    client.get("/")
    client.cookies["a11y"] = "on|size:2"
    response = client.get("/")
    assert status(response) == "miss"
    assert "a11y--size-2" in response.content.decode()
    assert status(client.get("/")) == "hit"


def test_a_junk_display_cookie_shares_the_standard_page(client, home):
    client.get("/")
    client.cookies["a11y"] = "junk"
    assert status(client.get("/")) == "hit"


def test_a_new_day_renders_afresh(client, home):
    with time_machine.travel(datetime.datetime(2026, 12, 1, 12, tzinfo=datetime.UTC)):
        client.get("/")
        assert status(client.get("/")) == "hit"
    with time_machine.travel(datetime.datetime(2026, 12, 2, 12, tzinfo=datetime.UTC)):
        assert status(client.get("/")) == "miss"


def test_a_response_that_sets_a_cookie_is_not_kept(client, home):
    response = client.get("/accessibility/?mode=on&next=/")
    assert response.cookies and STATUS_HEADER not in response or status(response) == "pass"
    assert status(client.get("/news/")) == "miss"


def test_the_admin_and_the_cabinets_are_never_kept(client, home):
    for url in ("/admin/login/", "/accounts/login/", "/cabinet/"):
        client.get(url)
        assert STATUS_HEADER not in client.get(url)


def test_a_page_that_is_not_found_is_not_kept(client, home):
    assert status(client.get("/no-such-page/")) == "pass"


def test_an_evicted_table_token_puts_every_page_that_read_it_out_of_date(client, home, page_cache):
    client.get("/")
    # Lost with its generation (a cache restarted, say): no process may trust its old reading.
    page_cache.delete_many(["table:wagtailcore_page", GENERATION_KEY])
    assert status(client.get("/")) == "miss"


def test_a_read_that_writes_is_not_kept(client, home, monkeypatch):
    from home.models import HomePage

    original = HomePage.get_context

    def writing_context(self, request, *args, **kwargs):
        MainMenu.objects.filter(site=self.get_site()).update(items=[])
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(HomePage, "get_context", writing_context)
    assert status(client.get("/")) == "pass"
    assert status(client.get("/")) == "pass"


def test_a_contest_page_is_kept_only_until_voting_opens(client, home):
    from tests.contest.factories import ContestIndexPageFactory, ContestPageFactory

    opens = datetime.datetime(2026, 12, 1, 15, tzinfo=datetime.UTC)
    with time_machine.travel(opens - datetime.timedelta(hours=1), tick=False):
        index = ContestIndexPageFactory(parent=home)
        contest = ContestPageFactory(
            parent=index,
            applications_close_on=datetime.date(2026, 11, 20),
            voting_opens_at=opens,
            voting_closes_at=opens + datetime.timedelta(days=7),
        )
        before = client.get(contest.url)
        assert status(client.get(contest.url)) == "hit"
    with time_machine.travel(opens + datetime.timedelta(seconds=5), tick=False):
        assert timezone.now() > opens
        after = client.get(contest.url)
    assert status(after) == "miss"
    assert after.content != before.content
