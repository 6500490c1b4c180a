"""Whatever a visitor sends to any public URL, the answer is never a 5xx.

The endpoints are found, not listed: every pattern of the URL resolver (recursively) and every
route of every live page (RoutablePageMixin sub-resolvers), with URL parameters filled from a
small demo-like dataset. For each endpoint the test learns which query parameters the view
reads (by recording every QueryDict lookup during a plain GET) and which forms the page renders
(GET and POST, parsed from its HTML), as an anonymous visitor, a verified citizen and a signed-in
producer. Hypothesis then sends hostile values in those parameters and form fields: huge and
negative integers, Unicode digits, NUL bytes, 100 kB strings, malformed dates, repeated keys,
SQL- and HTML-looking text, invalid UTF-8 percent-escapes. A server error fails the test (the
test client re-raises the view's exception).
"""

import contextlib
import datetime
import itertools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.regex_helper import normalize
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from accounts.sms import LocmemBackend
from tests.accounts.factories import make_user
from tests.calendar_pages.factories import (
    CalendarIndexPageFactory,
    CityEventFactory,
    FacilityFactory,
)
from tests.contest.factories import ContestIndexPageFactory, ContestPageFactory, accepted_entry
from tests.contest.factories import citizen as make_citizen
from tests.factories import NewsPageFactory
from tests.producers.factories import (
    FairDayFactory,
    ProducerFactory,
    ProducerIndexPageFactory,
    ProductFactory,
)
from tests.projects.factories import ProjectIndexPageFactory, ProjectPageFactory
from tests.shelter.event_factories import SignupSettingsFactory, signup_for
from tests.shelter.factories import (
    ApplicationFactory,
    PetFactory,
    ShelterIndexPageFactory,
    SubscriptionFactory,
)
from tests.shelter.volunteer_factories import VolunteerApplicationFactory, VolunteerShiftFactory

pytestmark = [pytest.mark.django_db(transaction=False), pytest.mark.resolver_walk]

# Not walked, with the reason:
EXCLUDED_PREFIXES = (
    "/admin/",  # staff only, behind sign-in and 2FA; not public input
    "/media/",  # development file serving: the path is a file name, not a parameter
)
# Wagtail's page-serving catch-alls: the page tree is walked instead (every live page and route).
PAGE_SERVING = {"wagtail_serve", "page_file"}

EXAMPLES_PER_ENDPOINT = 3
HOSTILE_VALUES = [
    "9" * 30,
    "-9223372036854775809",
    "-1",
    "²",
    "١٢٣",
    "𝟙𝟚",
    "1\x00",
    "\x00",
    "x" * 100_000,
    "9999-12",
    "0001-01",
    "2026-02-31",
    "31.12.99999",
    "' OR 1=1 --",
    '"><script>alert(1)</script>',
    "NaN",
    "1e308",
    "",
]
RAW = "%ff%fe%c0"  # invalid UTF-8, sent without quoting
VALUE = st.sampled_from([*HOSTILE_VALUES, RAW]) | st.text(max_size=40)
VALUES = st.lists(VALUE, min_size=1, max_size=3)  # more than one: ?a=1&a=2


def encode(pairs):
    """A query string or form body; RAW stays as typed, everything else is UTF-8-quoted."""
    return "&".join(
        f"{quote(name, safe='')}={value if value == RAW else quote(value, safe='')}"
        for name, value in pairs
    )


@dataclass(frozen=True)
class Endpoint:
    persona: str
    method: str
    url: str
    fields: tuple = ()
    defaults: tuple = ()  # (name, value) pairs the page rendered, sent along with the hostile ones


# --- what the views read ------------------------------------------------------------------


@contextlib.contextmanager
def recorded_keys():
    """Every key looked up in a QueryDict (request.GET/POST and their copies) meanwhile."""
    keys = set()
    originals = {name: getattr(MultiValueDict, name) for name in ("get", "getlist", "__getitem__")}

    def recording(original):
        def method(self, key, *args, **kwargs):
            keys.add(key)
            return original(self, key, *args, **kwargs)

        return method

    for name, original in originals.items():
        setattr(MultiValueDict, name, recording(original))
    try:
        yield keys
    finally:
        for name, original in originals.items():
            setattr(MultiValueDict, name, original)


@dataclass
class Form:
    method: str
    action: str
    fields: list = field(default_factory=list)


class FormParser(HTMLParser):
    """The forms of a page: method, action, and each named field with its rendered value."""

    def __init__(self):
        super().__init__()
        self.forms, self.current = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = Form(attrs.get("method", "get").lower(), attrs.get("action") or "")
            self.forms.append(self.current)
        elif tag in ("input", "select", "textarea") and self.current and attrs.get("name"):
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                value = None
            else:
                value = attrs.get("value", "")
            self.current.fields.append((attrs["name"], value))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


# --- the URLs --------------------------------------------------------------------------------


def patterns(resolver, prefix=""):
    """(regex, pattern) for every endpoint under `resolver`, prefixes joined as Django does."""
    for entry in resolver.url_patterns:
        regex = entry.pattern.regex.pattern.removeprefix("^")
        if isinstance(entry, URLResolver):
            yield from patterns(entry, prefix + regex.removesuffix("$"))
        elif isinstance(entry, URLPattern):
            yield prefix + regex, entry


def concrete_urls(regex, candidates):
    """Every way to fill the pattern's parameters from `candidates`, that the pattern matches."""
    for template, names in normalize(regex):
        choices = [candidates.get(name, candidates["*"]) for name in names]
        for values in itertools.product(*choices):
            url = template % dict(zip(names, values, strict=True))
            if re.fullmatch(regex, url):
                yield "/" + url


def public_urls(candidates):
    """One URL per public pattern and page route (the first one that is not a 404 later)."""
    groups = []
    for regex, pattern in patterns(get_resolver()):
        if pattern.name in PAGE_SERVING:
            continue
        groups.append(list(concrete_urls(regex, candidates)))
    for page in Page.objects.live().specific():
        url = page.url
        if url is None:  # outside every site: not served
            continue
        if not isinstance(page, RoutablePageMixin):
            groups.append([url])
            continue
        for regex, _pattern in patterns(page.get_resolver()):
            groups.append([url + path.lstrip("/") for path in concrete_urls(regex, candidates)])
    groups = [[url for url in group if not url.startswith(EXCLUDED_PREFIXES)] for group in groups]
    return [group for group in groups if group]


def discover(clients, candidates, deep_links=()):
    """The endpoints: each public URL with the query parameters its view reads (GET), and each
    form it renders (GET forms as query parameters, POST forms with their fields)."""
    endpoints = set()
    for group in [*public_urls(candidates), *([link] for link in deep_links)]:
        for persona, client in clients.items():
            for url in group:
                with recorded_keys() as keys:
                    response = client.get(url)
                if response.status_code != 404 or url == group[-1]:
                    break
            read = sorted(key for key in keys if isinstance(key, str))
            endpoints.add(Endpoint(persona, "get", url, tuple(read)))
            if "html" not in response.get("Content-Type", ""):
                continue
            parser = FormParser()
            parser.feed(response.content.decode())
            for form in parser.forms:
                action = urljoin(url, form.action) if form.action else url
                if urlsplit(action).netloc or action.startswith(EXCLUDED_PREFIXES):
                    continue
                defaults = tuple((n, v) for n, v in form.fields if v is not None)
                names = tuple(sorted({name for name, _value in form.fields}))
                method = "post" if form.method == "post" else "get"
                endpoints.add(Endpoint(persona, method, action, names, defaults))
    # A GET endpoint reading the same parameters for everyone is walked once, not per persona.
    unique, seen = [], set()
    # Sorted on every field: the order (and so what is kept) must not depend on set order.
    for endpoint in sorted(
        endpoints, key=lambda e: (e.url, e.method, e.persona, e.fields, e.defaults)
    ):
        key = (endpoint.method, endpoint.url, endpoint.fields, endpoint.defaults)
        if endpoint.method == "post" or key not in seen:
            unique.append(endpoint)
            seen.add(key)
    return unique


# --- the data --------------------------------------------------------------------------------


@pytest.fixture
def demo(home, news_index):
    """A little of everything the public site shows, and the values that fill URL parameters."""
    NewsPageFactory(parent=news_index)
    CalendarIndexPageFactory(parent=home)
    facility = FacilityFactory()
    CityEventFactory()
    ProjectPageFactory(parent=ProjectIndexPageFactory(parent=home))
    ShelterIndexPageFactory(parent=home)
    pet = PetFactory()
    application = ApplicationFactory(pet=pet)
    subscription = SubscriptionFactory()
    signup_settings = SignupSettingsFactory()
    signup = signup_for(signup_settings, make_user("signed-up", email_verified=True))
    ProducerIndexPageFactory(parent=home)
    producer = ProducerFactory()
    product = ProductFactory(producer=producer)
    day = FairDayFactory(date=timezone.localdate() + datetime.timedelta(days=2))
    entry = day.add_producer(producer)
    contest = ContestPageFactory(parent=ContestIndexPageFactory(parent=home), slug="2026")
    ballot = accepted_entry(contest, title="ТОС «Участник»")
    walker = make_citizen("walker")
    # The citizen volunteers at the shelter: the schedule's sign-up forms are walked too.
    VolunteerApplicationFactory(user=walker)
    VolunteerShiftFactory()
    return {
        "users": {"citizen": walker, "producer": producer.owner},
        # Pages reached only through a link with a parameter (the vote form needs its entry).
        "deep_links": [f"{contest.url}vote/?entry={ballot.pk}"],
        "candidates": {
            "pk": [str(product.pk), str(entry.pk)],
            "pet_id": [str(pet.pk)],
            "slug": [facility.slug, producer.slug, day.fair.slug],
            "token": [application.token, subscription.token, signup.token],
            "event_id": [str(signup_settings.event_id)],
            "*": ["1", "x"],
        },
    }


@pytest.fixture(autouse=True)
def sms_outbox():
    yield
    LocmemBackend.outbox.clear()


def client_for(persona, users):
    client = Client()
    if persona in users:
        client.force_login(users[persona])
    return client


def send(endpoint, users, values):
    client = client_for(endpoint.persona, users)
    hostile = {name for name, _value in values}
    pairs = [pair for pair in endpoint.defaults if pair[0] not in hostile] + values
    body = encode(pairs)
    if endpoint.method == "get":
        separator = "&" if "?" in endpoint.url else "?"
        return client.get(f"{endpoint.url}{separator}{body}")
    return client.post(endpoint.url, body, content_type="application/x-www-form-urlencoded")


def hostile_values(names):
    """Hostile values for some of the names (each maybe repeated), or for made-up ones."""
    names = list(names) or ["page"]
    return st.lists(
        st.tuples(st.sampled_from(names), VALUES), min_size=1, max_size=len(names) + 1
    ).map(lambda chosen: [(name, value) for name, values in chosen for value in values])


def test_no_public_endpoint_answers_a_server_error_to_hostile_input(demo):
    users = demo["users"]
    clients = {persona: client_for(persona, users) for persona in ("anonymous", *users)}
    endpoints = discover(clients, demo["candidates"], demo["deep_links"])
    urls = {endpoint.url.split("?")[0] for endpoint in endpoints}
    # The walk found the sections' endpoints and their forms (a guard against finding nothing).
    for expected in ("/calendar/feed.ics/", "/cabinet/fairs/", "/accounts/phone/", "/search/"):
        assert expected in urls, sorted(urls)
    assert any(e.method == "post" and "/shelter/pets/" in e.url for e in endpoints)
    assert any(e.method == "post" and e.url.endswith("/vote/") for e in endpoints)
    # The calendar is two GET endpoints: the parameters its view reads and its filter form.
    calendar = [e.fields for e in endpoints if e.url == "/calendar/" and e.method == "get"]
    assert {"month", "year", "district", "page", "view"} <= set().union(*calendar)

    for endpoint in endpoints:
        answers_without_a_server_error(endpoint, users)


def answers_without_a_server_error(endpoint, users):
    """A few Hypothesis examples of hostile values sent to one endpoint."""

    @settings(
        max_examples=EXAMPLES_PER_ENDPOINT,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(values=hostile_values(endpoint.fields))
    def check(values):
        response = send(endpoint, users, values)
        assert response.status_code < 500, (endpoint, values[:3])

    check()
