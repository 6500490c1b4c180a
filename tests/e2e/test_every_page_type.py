"""Every public page type, the account forms and the producer cabinet at 320, 390 and 1366 px.

On each page and width: the page does not scroll sideways, no element id is used twice, axe finds
no violation of any impact, and on phones a list's filters open from a control in the first
screen. A screenshot of every page at every width goes to `test-results/screenshots/`
(git-ignored) for a human look.
"""

import datetime
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from calendar_pages.models import CalendarIndexPage, CalendarSubscription, Facility
from contest.models import ContestPage, EntryPage
from home.models import StandardPage
from news.models import NewsPage, NewsSubscription
from producers.models import Fair, Producer, ProducerIndexPage
from projects.models import ProjectPage
from shelter.models import (
    EventSignup,
    EventSignupSettings,
    Pet,
    ShelterIndexPage,
    SignupState,
    VolunteerApplication,
    VolunteerState,
)
from tests.e2e.axe import all_violations

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
WIDTHS = {320: 640, 390: 844, 1366: 768}
PHONE_WIDTHS = (320, 390)
# Lists whose filters must open from the first screen on a phone.
FILTERED_LISTS = {"news", "projects", "calendar", "calendar-grid", "shelter", "producers"}


def public_pages() -> dict[str, str]:
    """Name -> path of one page of each public type in the demo content."""
    calendar = CalendarIndexPage.objects.live().first()
    shelter = ShelterIndexPage.objects.live().first()
    contest = ContestPage.objects.live().first()
    producer = Producer.objects.public().first()
    fair = Fair.objects.order_by("pk").first()
    return {
        "home": "/",
        "standard": StandardPage.objects.live().first().url,
        "news": "/news/",
        "news-item": NewsPage.objects.live().first().url,
        "projects": "/projects/",
        "project": ProjectPage.objects.live().first().url,
        "calendar": calendar.url,
        "calendar-grid": f"{calendar.url}?view=grid",
        "facility": calendar.facility_url(Facility.objects.order_by("pk").first().slug),
        "shelter": shelter.url,
        "pet": shelter.pet_url(Pet.objects.public().first().pk),
        "favourites": f"{shelter.url}favourites/",
        "shelter-events": f"{shelter.url}events/",
        "shelter-event": f"{shelter.url}events/{shelter_event().event_id}/",
        "signup-cancel": f"{shelter.url}events/cancel/{shelter_signup().token}/",
        "volunteers": f"{shelter.url}volunteers/",
        "producers": ProducerIndexPage.live_page().url,
        "producer": ProducerIndexPage.url_for("producer", producer.slug),
        "fairs": f"{ProducerIndexPage.live_page().url}fairs/",
        "fair": ProducerIndexPage.url_for("fair", fair.slug),
        "contests": contest.get_parent().url,
        "contest": contest.url,
        "entry": EntryPage.objects.live().first().url,
        "results": f"{contest.url}results/",
        # Published results that combine the jury and the vote (the demo's 2025 contest).
        "results-with-jury": (
            f"{ContestPage.objects.live().filter(results__isnull=False).first().url}results/"
        ),
        "search": "/search/?q=Сочи",
        "not-found": "/no-such-page/",
        "login": "/accounts/login/",
        "signup": "/accounts/signup/",
        "password-reset": "/accounts/password/reset/",
        "discussion-rules": "/discussion/rules/",
        "news-subscription-confirm": (
            f"/news/subscriptions/{subscription(NewsSubscription)}/confirm/"
        ),
        "calendar-unsubscribe": (
            f"{calendar.url}subscriptions/{subscription(CalendarSubscription)}/unsubscribe/"
        ),
        "goodbye": "/accounts/goodbye/",
    }


def shelter_event():
    """The demo's shelter event with the most places (its page has the sign-up form)."""
    return EventSignupSettings.objects.order_by("-visitor_places", "pk").first()


def shelter_signup():
    return EventSignup.objects.filter(state=SignupState.CONFIRMED).order_by("pk").first()


def subscription(model):
    """The token of a new subscription (confirmed or not, its pages have one button)."""
    return model.objects.create(
        email="layout.reader@example.com",
        frequency="weekly",
        consent_version="2026-12-1",
        consented_at=timezone.now(),
    ).token


SIGNED_IN_PAGES = {
    "profile": "/accounts/profile/",
    "my-data": "/accounts/profile/data/",
    "delete-account": "/accounts/profile/delete/",
    "verify-phone": "/accounts/phone/",
    "cabinet": "/cabinet/",
    "cabinet-profile": "/cabinet/profile/",
    # A ТОС chair's desk (the registration form) and the choice of nomination.
    "my-tos": "/tos-contest/my-tos/",
    "tos-apply": "/tos-contest/2027/apply/",
    "volunteer-form": "/shelter/volunteers/",  # the application form (no application yet)
    "volunteer-shifts": "/shelter/volunteers/shifts/",  # after the form: an accepted volunteer
}


def accept_as_volunteer(username):
    """The signed-in resident becomes an accepted volunteer of the shelter (the schedule's
    condition)."""
    VolunteerApplication.objects.create(
        user=get_user_model().objects.get(username=username),
        full_name="Анна Волонтёрова",
        phone="+79181234567",
        birth_date=datetime.date(1995, 5, 17),
        skills=["walking_dogs"],
        availability=["weekends"],
        consent_version="2026-12-2",
        consented_at=timezone.now(),
        state=VolunteerState.ACCEPTED,
    )


def session_cookie(base_url):
    """A signed-in session with a confirmed e-mail (the cabinet's condition), as a cookie."""
    email = "layout.citizen@example.com"
    user = get_user_model().objects.create_user(
        "layout.citizen", email, "a-long-test-password", first_name="Анна"
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    client = Client()
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}


def page_problems(page, name, width) -> list[str]:
    problems = []
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        problems.append(f"{name} at {width}px scrolls sideways by {overflow}px")
    if width in PHONE_WIDTHS and name in FILTERED_LISTS:
        toggle = page.locator("#filters summary, a[href='#filters']").first
        box = toggle.bounding_box() if toggle.count() else None
        if box is None or not toggle.is_visible() or box["y"] > WIDTHS[width]:
            problems.append(f"{name} at {width}px: no filter control in the first screen ({box})")
    duplicated = page.evaluate(
        """() => {
            const ids = [...document.querySelectorAll("[id]")].map((element) => element.id);
            return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
        }"""
    )
    if duplicated:  # a label or an error link would lead to the wrong field
        problems.append(f"{name} at {width}px: element ids used twice: {duplicated}")
    problems += all_violations(page, f"{name} at {width}px")
    return problems


@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_page_type_fits_the_screen_and_passes_axe(open_tab, width):
    tab = open_tab(viewport={"width": width, "height": WIDTHS[width]})
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []

    def visit(name, path):
        if name == "not-found":
            assert tab.page.goto(tab.base_url + path).status == 404
            tab.console_errors.clear()  # the browser reports the expected 404 as an error
        else:
            tab.goto(path)
        tab.page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
        problems.extend(page_problems(tab.page, name, width))

    for name, path in public_pages().items():
        visit(name, path)
    tab.page.context.add_cookies([session_cookie(tab.base_url)])
    shelter = ShelterIndexPage.objects.live().first()
    # The event page with its sign-up form, as a resident with a confirmed e-mail sees it.
    signed_in = {
        **SIGNED_IN_PAGES,
        "shelter-event-form": f"{shelter.url}events/{shelter_event().event_id}/",
    }
    for name, path in signed_in.items():
        if name == "volunteer-shifts":
            accept_as_volunteer("layout.citizen")
        visit(name, path)
    assert problems == [], "\n".join(problems)
    tab.assert_clean_console()
