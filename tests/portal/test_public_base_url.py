"""Every absolute link the portal hands out starts with PUBLIC_BASE_URL (portal.public_url),
whatever host the request named and whatever the Wagtail Site record said before."""

import io
import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import icalendar
import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Site

from contest.voting import cast_vote
from portal import public_url
from producers.models import ModerationStatus
from shelter.notifications import notify_new_arrivals, notify_submitted
from tests.calendar_pages.factories import CalendarIndexPageFactory, FacilityFactory
from tests.contest.factories import (
    NOW,
    ContestIndexPageFactory,
    ContestPageFactory,
    accepted_entry,
    citizen,
)
from tests.factories import NewsPageFactory
from tests.producers.factories import (
    FairDayFactory,
    ProducerIndexPageFactory,
    ProductFactory,
    UserFactory,
)
from tests.shelter.factories import (
    ApplicationFactory,
    PetFactory,
    ShelterIndexPageFactory,
    SubscriptionFactory,
)

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
BASE = "https://portal.example"
LINK = re.compile(r"https?://[^\s<>\"']+")
# The request comes in on another host than the public one (an internal name behind a proxy).
INTERNAL = {"HTTP_HOST": "backend.internal:8080"}


@pytest.fixture
def public(home):
    """PUBLIC_BASE_URL is https://portal.example, and the Site record follows it."""
    with override_settings(PUBLIC_BASE_URL=BASE):
        public_url.sync_wagtail_site()
        yield BASE


def links(text):
    return LINK.findall(text)


def assert_all_public(urls):
    assert urls, "no links found"
    strays = [url for url in urls if not url.startswith(BASE + "/")]
    assert strays == []


def mailed_links():
    found = []
    for message in mail.outbox:
        found += links(message.body)
        found += links(message.extra_headers.get("List-Unsubscribe", ""))
    return found


class TestSetting:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("https://Sochi.ru/", "https://sochi.ru"),
            ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
            ("https://sochi.ru:443", "https://sochi.ru:443"),
        ],
    )
    def test_an_origin_is_accepted_without_its_trailing_slash(self, value, expected):
        assert public_url.public_base_url(value) == expected

    @pytest.mark.parametrize(
        "value",
        [
            "",
            "sochi.ru",
            "ftp://sochi.ru",
            "https://sochi.ru/portal/",
            "https://sochi.ru/?a=1",
            "https://sochi.ru:8443",  # Wagtail's Site record cannot say https on another port
            "http://sochi.ru:443",
            "http://sochi.ru:port",
        ],
    )
    def test_anything_but_an_origin_is_refused(self, value):
        with pytest.raises(ImproperlyConfigured):
            public_url.public_base_url(value)

    def test_absolute_puts_a_path_at_the_public_address_and_leaves_full_urls(self, settings):
        settings.PUBLIC_BASE_URL = BASE
        assert public_url.absolute("/news/?page=2") == f"{BASE}/news/?page=2"
        assert public_url.absolute("https://cdn.example/a.jpg") == "https://cdn.example/a.jpg"
        assert public_url.rebase("https://127.0.0.1:8765/a/b/?k=1") == f"{BASE}/a/b/?k=1"


def production_settings(**env):
    """Import production settings in a fresh interpreter with `env`; its stderr on failure."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "production-test-" + "k" * 40,
        "ALLOWED_HOSTS": "portal.example",
        "DATABASE_URL": "sqlite:///:memory:",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


class TestProductionSettings:
    @pytest.mark.parametrize("value", ["", "http://portal.example"])
    def test_a_missing_or_plain_http_address_is_refused(self, value):
        result = production_settings(PUBLIC_BASE_URL=value)
        assert result.returncode != 0
        assert "ImproperlyConfigured: PUBLIC_BASE_URL must be set in production" in result.stderr

    def test_an_https_address_is_accepted(self):
        result = production_settings(PUBLIC_BASE_URL="https://portal.example")
        assert result.returncode == 0, result.stderr


class TestWagtailSite:
    def test_the_default_site_follows_the_setting(self, public):
        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port, site.root_url) == ("portal.example", 443, BASE)

    def test_migrate_puts_the_site_at_the_setting(self, home, settings):
        settings.PUBLIC_BASE_URL = "http://127.0.0.1:8131"
        call_command("migrate", verbosity=0)  # nothing to apply, but post_migrate runs
        assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:8131"

    def test_sitemap_locations_start_with_the_setting(self, client, public, news_index):
        NewsPageFactory(parent=news_index)
        response = client.get("/sitemap.xml", **INTERNAL)
        namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        tree = ElementTree.fromstring(response.content)
        assert_all_public([loc.text for loc in tree.findall(".//s:loc", namespace)])


class TestEmails:
    def test_adoption_application_mails(self, public, home, django_capture_on_commit_callbacks):
        ShelterIndexPageFactory(parent=home)
        with django_capture_on_commit_callbacks(execute=True):
            notify_submitted(ApplicationFactory())
        assert_all_public(mailed_links())

    def test_subscription_mails_and_their_unsubscribe_header(
        self, client, public, home, django_capture_on_commit_callbacks
    ):
        ShelterIndexPageFactory(parent=home)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                "/shelter/subscribe/", {"email": "reader@example.com", "consent": "on"}, **INTERNAL
            )
            notify_new_arrivals(SubscriptionFactory(confirmed_at=timezone.now()), [PetFactory()])
        assert len(mail.outbox) == 2
        assert_all_public(mailed_links())

    def test_vote_receipt(self, public, home, django_capture_on_commit_callbacks):
        contest = ContestPageFactory(parent=ContestIndexPageFactory(parent=home))
        entry = accepted_entry(contest)
        with (
            time_machine.travel(NOW, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            cast_vote(contest, entry, citizen("voter"), "95.24.1.17")
        assert_all_public(mailed_links())

    def test_producer_moderation_refusal(self, public, django_capture_on_commit_callbacks):
        product = ProductFactory(status=ModerationStatus.DRAFT, is_live=False)
        product.submit(by=product.producer.owner)
        with django_capture_on_commit_callbacks(execute=True):
            product.refuse(by=UserFactory(is_staff=True), reason="Уточните фасовку.")
        assert_all_public(mailed_links())
        assert f"{BASE}/cabinet/" in mail.outbox[0].body

    def test_account_confirmation_links_and_greeting_name_the_portal(
        self, client, public, django_capture_on_commit_callbacks
    ):
        signup = {
            "email": "anna@example.org",
            "password1": "Sochi-sea-2026!",
            "password2": "Sochi-sea-2026!",
            "consent": "on",
        }
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post("/accounts/signup/", signup, **INTERNAL).status_code == 302
        body = mail.outbox[0].body
        assert_all_public(links(body))
        assert "/accounts/confirm-email/" in body
        assert "Портал города Сочи" in body
        assert "backend.internal" not in body

    def test_demo_users_command_prints_the_admin_at_the_setting(self, settings, tmp_path):
        settings.DEBUG = True  # a development command
        settings.BASE_DIR = tmp_path  # where it keeps the passwords
        settings.PUBLIC_BASE_URL = "http://127.0.0.1:8131"
        out = io.StringIO()
        call_command("ensure_demo_users", stdout=out)
        assert "Вход в админку: http://127.0.0.1:8131/admin/" in out.getvalue()


class TestFeedsAndFiles:
    def test_news_rss_and_atom(self, client, public, news_index):
        NewsPageFactory(parent=news_index)
        for path in ("/news/feed/", "/news/feed/atom/"):
            response = client.get(path, **INTERNAL)
            assert response.status_code == 200
            tree = ElementTree.fromstring(response.content)
            found = [e.text for e in tree.iter() if e.tag.endswith("link") and e.text]
            found += [e.get("href") for e in tree.iter() if e.get("href")]
            assert_all_public([url for url in found if "w3.org" not in url])

    def test_calendar_ical_and_csv(self, client, public, home):
        CalendarIndexPageFactory(parent=home)
        FacilityFactory()
        calendar = icalendar.Calendar.from_ical(
            client.get("/calendar/feed.ics", **INTERNAL).content
        )
        assert_all_public([str(event["URL"]) for event in calendar.walk("VEVENT")])
        csv_text = client.get("/calendar/export.csv", **INTERNAL).content.decode()
        assert_all_public(links(csv_text))

    def test_fair_ical(self, client, public, home):
        ProducerIndexPageFactory(parent=home)
        day = FairDayFactory(date=timezone.localdate())
        response = client.get(f"/producers/fairs/{day.fair.slug}/feed.ics", **INTERNAL)
        calendar = icalendar.Calendar.from_ical(response.content)
        assert_all_public([str(event["URL"]) for event in calendar.walk("VEVENT")])

    def test_canonical_and_og_url_of_a_page(self, client, public, news_index):
        html = client.get("/news/", **INTERNAL).text
        assert f'<link rel="canonical" href="{BASE}/news/">' in html
        assert f'<meta property="og:url" content="{BASE}/news/">' in html
