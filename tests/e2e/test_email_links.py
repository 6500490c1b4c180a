"""Every link in every e-mail the portal sends opens on the running site.

PUBLIC_BASE_URL is the live server's address before the demo is loaded, so `load_demo` puts the
Wagtail Site record there, as `make run` does. The journeys that send e-mail run through the test
client and the service functions; each link of each message is then fetched from the live server.
"""

import datetime
import re
import urllib.error
import urllib.request

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from calendar_pages.models import CalendarIndexPage, CalendarSubscription
from calendar_pages.subscriptions import CALENDAR
from contest.models import ContestPage, EntryPage
from contest.voting import cast_vote
from discussion.demo.content import NEWS_SLUG
from discussion.models import Comment
from news.models import NewsPage
from portal.consent import current as current_consent
from portal.digests import send_digest
from producers.models import ModerationStatus
from shelter.event_signups import cancel, send_reminders
from shelter.models import (
    EventSignup,
    EventSignupSettings,
    Pet,
    SignupState,
    Subscription,
    submit_application,
)
from shelter.notifications import notify_new_arrivals
from tests.accounts.factories import citizen
from tests.portal.test_public_base_url import LINK
from tests.producers.factories import ProductFactory, UserFactory
from tests.shelter.event_factories import signup_for

pytestmark = pytest.mark.e2e


@pytest.fixture
def site_url(django_db_serialized_rollback, live_server, settings, request):
    """The demo site, loaded with PUBLIC_BASE_URL set to the live server's address.

    Serialized rollback is asked for before the live server, as `demo_site` does: otherwise the
    database is flushed without restoring Wagtail's root page for the browser tests after this one.
    """
    settings.PUBLIC_BASE_URL = settings.WAGTAILADMIN_BASE_URL = live_server.url
    request.getfixturevalue("demo_site")
    return live_server.url


def adoption_application():
    pet = next(pet for pet in Pet.objects.filter(is_public=True) if pet.accepts_applications)
    application = submit_application(
        pet,
        consent=current_consent("adoption"),
        name="Анна Соколова",
        phone="+79185550101",
        email="applicant@example.org",
        district="central",
        housing="flat",
    )
    application.start_screening(by=UserFactory(is_staff=True), message="Рассматриваем заявку.")


def account_sign_up():
    response = Client().post(
        "/accounts/signup/",
        {
            "email": "anna@example.org",
            "password1": "Sochi-sea-2026!",
            "password2": "Sochi-sea-2026!",
            "consent": "on",
        },
    )
    assert response.status_code == 302


def vote():
    contest = ContestPage.objects.live().first()
    entry = next(entry for entry in EntryPage.objects.live().child_of(contest) if entry.is_accepted)
    moment = contest.voting_opens_at + datetime.timedelta(hours=1)
    cast_vote(contest, entry, citizen("e2e-voter"), "95.24.1.17", now=moment)


def producer_refused():
    product = ProductFactory(status=ModerationStatus.DRAFT, is_live=False)
    product.submit(by=product.producer.owner)
    product.refuse(by=UserFactory(is_staff=True), reason="Уточните фасовку.")


def volunteering():
    """A volunteer applies, is accepted, signs up for a shift and cancels: four letters."""
    from shelter import volunteering as rules
    from shelter.models import VolunteerShift

    user = citizen("e2e-volunteer")
    application = rules.submit_volunteer_application(
        user,
        full_name="Мария Иванова",
        phone="+79185550102",
        birth_date=datetime.date(1995, 5, 17),
        skills=["walking_dogs"],
        availability=["weekends"],
    )
    application.accept(by=UserFactory(is_staff=True))
    shift = VolunteerShift.objects.upcoming().order_by("-starts_at").first()
    rules.sign_up(user, shift.pk)
    rules.cancel(user, shift.pk)


def shelter_subscription():
    response = Client().post(
        "/shelter/subscribe/", {"email": "reader@example.org", "consent": "on"}
    )
    assert response.status_code == 200
    subscription = Subscription.objects.get(email="reader@example.org")
    subscription.confirmed_at = timezone.now()
    subscription.save(update_fields=["confirmed_at"])
    notify_new_arrivals(subscription, list(Pet.objects.filter(is_public=True)[:2]))


def comment_approved():
    page = NewsPage.objects.live().get(slug=NEWS_SLUG)
    comment = Comment.objects.create(
        page=page, author=citizen("e2e-commenter"), display_name="Житель", text="Спасибо!"
    )
    comment.approve(by=UserFactory(is_staff=True))


def shelter_event_signups():
    """Sign-up (confirmed and waiting), a cancellation that moves the first waiting up, and the
    reminder the day before: every letter of shelter.event_mail."""
    settings_list = list(EventSignupSettings.objects.select_related("event").order_by("pk"))
    small = min(settings_list, key=lambda item: item.visitor_places)
    confirmed = signup_for(settings_list[0], citizen("e2e-event-visitor"))
    waiting = signup_for(small, citizen("e2e-event-waiting"))
    assert waiting.state == SignupState.WAITING
    cancel(EventSignup.objects.filter(event=small.event, state=SignupState.CONFIRMED).first())
    cancel(confirmed)
    send_reminders(now=small.event.starts_at - datetime.timedelta(days=1))


def calendar_subscription_and_digest():
    """Subscribe on the calendar (the confirmation letter), confirm, get a digest of the demo."""
    calendar = CalendarIndexPage.objects.live().first()
    response = Client().post(
        f"{calendar.url}subscribe/",
        {"email": "digest@example.org", "frequency": "weekly", "consent": "on"},
    )
    assert response.status_code == 200, response.content.decode()[:300]
    subscription = CalendarSubscription.objects.get(email="digest@example.org")
    subscription.confirm()
    end = timezone.now() + datetime.timedelta(days=400)  # the demo was just loaded: all is news
    assert send_digest(CALENDAR, subscription, end - datetime.timedelta(days=800), end)


JOURNEYS = [
    adoption_application,
    account_sign_up,
    vote,
    producer_refused,
    volunteering,
    shelter_subscription,
    comment_approved,
    shelter_event_signups,
    calendar_subscription_and_digest,
]


def opens(url):
    """(final status, final URL) of a GET that follows redirects, as a mail reader's browser."""
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - our live server
            return response.status, response.url
    except urllib.error.HTTPError as error:
        return error.code, url


def test_every_link_in_every_sent_message_opens(site_url):
    assert Site.objects.get(is_default_site=True).root_url == site_url
    for journey in JOURNEYS:
        sent_before = len(mail.outbox)
        journey()
        assert len(mail.outbox) > sent_before, f"{journey.__name__} sent no e-mail"
    links = {link for message in mail.outbox for link in LINK.findall(message.body)}
    assert len(links) >= 8
    failures = []
    for link in sorted(links):
        status, final = opens(link)
        if not link.startswith(site_url + "/") or status != 200 or not final.startswith(site_url):
            failures.append(f"{link}: {status} at {final}")
    assert failures == []
    # One-click unsubscribe (RFC 8058): the mail client POSTs the header's link.
    header = mail.outbox[-1].extra_headers["List-Unsubscribe"]
    unsubscribe = re.search(r"<(https?://[^>]+)>", header).group(1)  # beside a mailto: link
    assert unsubscribe.startswith(site_url + "/")
    post = urllib.request.Request(unsubscribe, data=b"List-Unsubscribe=One-Click", method="POST")
    with urllib.request.urlopen(post, timeout=20) as response:  # noqa: S310 - our live server
        assert response.status == 200
