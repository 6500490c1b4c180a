"""Who may open which URL: one matrix, checked against every URL the portal has.

The URL resolver (with the admin URLs Wagtail hooks register) and the routes of routable pages
are walked; each URL is filled with a real record of a small dataset (one record of each model)
and requested as every role. A URL the matrix does not classify fails
`test_every_url_is_classified`, so a new view cannot go live without a decision about who sees it.
"""

import fnmatch
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from contest.models import ApplicationDocument, ContestPage, Criterion
from discussion.models import Comment, CommentState
from portal import roles
from portal.admin_permissions import unguarded_chooser_viewsets
from producers.models import RosterEntry
from tests.accounts.factories import citizen
from tests.calendar_pages.factories import (
    CalendarIndexPageFactory,
    CityEventFactory,
    FacilityFactory,
)
from tests.contest.factories import (
    ContestIndexPageFactory,
    ContestPageFactory,
    accepted_entry,
    confirmed_tos,
    filled_application,
)
from tests.factories import NewsPageFactory, build_site
from tests.producers.factories import (
    FairDayFactory,
    ProducerFactory,
    ProducerIndexPageFactory,
    ProductFactory,
    UserFactory,
)
from tests.projects.factories import (
    CommitteeMeetingFactory,
    ControlPointReportFactory,
    IndicatorFactFactory,
    PersonFactory,
    ProjectIndexPageFactory,
    project_with_team,
)
from tests.shelter.event_factories import (
    ShelterNeedFactory,
    SignupSettingsFactory,
    signup_for,
)
from tests.shelter.factories import (
    ApplicationFactory,
    PetFactory,
    ShelterIndexPageFactory,
    SubscriptionFactory,
)
from tests.shelter.volunteer_factories import ShiftSignupFactory, VolunteerApplicationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.resolver_walk]

ANONYMOUS, CITIZEN, PRODUCER, OTHER_PRODUCER, SUPERUSER = (
    "anonymous",
    "citizen",
    "producer",
    "other producer",
    "superuser",
)
STAFF = frozenset(roles.STAFF_GROUPS)
ROLES = [ANONYMOUS, CITIZEN, PRODUCER, OTHER_PRODUCER, *roles.STAFF_GROUPS, SUPERUSER]
SIGNED_IN = frozenset(ROLES) - {ANONYMOUS}
EVERYONE = frozenset(ROLES)


SUPERUSERS_ONLY = frozenset({SUPERUSER})


def area(group):
    return frozenset({group, SUPERUSER})


# What each snippet app's admin belongs to (portal.roles.APP_AREAS, read the other way round).
SNIPPET_AREAS = {
    app: area(group) for group, app_labels in roles.APP_AREAS.items() for app in app_labels
}

# URL key (namespace:name of a URL, or page:<PageModel>:<route name>) -> roles allowed.
# The first matching glob wins.
MATRIX = {
    # Residents make volunteer applications; staff decide them and never add one.
    "wagtailsnippets_shelter_volunteerapplication:add": frozenset(),
    "wagtailsnippets_shelter_volunteerapplication:copy": frozenset(),
    "wagtailsnippetchoosers_shelter_volunteerapplication:create": frozenset(),
    **{f"wagtailsnippets_{app}_*": allowed for app, allowed in SNIPPET_AREAS.items()},
    **{f"wagtailsnippetchoosers_{app}_*": allowed for app, allowed in SNIPPET_AREAS.items()},
    "producers_moderation:*": area(roles.CONSUMER_MARKET),
    # A project team's desk: its members report on their own projects only (the dataset's team
    # member administers the project whose records fill these URLs; tests/projects checks
    # another project's records are refused). The evidence is seen by the team and the office.
    "projects_team:*evidence": frozenset({roles.PROJECT_TEAM, roles.PROJECT_OFFICE, SUPERUSER}),
    "projects_team:*": frozenset({roles.PROJECT_TEAM, SUPERUSER}),
    "projects_review:*": area(roles.PROJECT_OFFICE),
    "projects_committee:*": area(roles.PROJECT_OFFICE),
    "projects_office:*": area(roles.PROJECT_OFFICE),
    # The jury's desk: jurors score; the commission follows the progress read-only.
    "contest_admin:jury_score": area(roles.JURY),
    "contest_admin:jury_conflict": area(roles.JURY),
    "contest_admin:jury_*": frozenset({roles.JURY, roles.CONTEST, SUPERUSER}),
    "contest_admin:*": area(roles.CONTEST),
    # The comment queue; posting and reporting need a confirmed e-mail (staff here have none).
    "discussion_admin:*": area(roles.MODERATORS),
    "discussion:post": frozenset({CITIZEN, PRODUCER, OTHER_PRODUCER}),
    "discussion:report": frozenset({CITIZEN, PRODUCER, OTHER_PRODUCER}),
    # Site-wide admin: users, groups, sites, workflows, collections, settings, redirects, forms.
    "wagtailusers_*": SUPERUSERS_ONLY,
    "wagtailsites:*": SUPERUSERS_ONLY,
    # The task chooser shows the names of workflow tasks, no records: shared by Wagtail.
    "wagtailadmin_workflows:task_chooser*": STAFF | {SUPERUSER},
    "wagtailadmin_workflows:*": SUPERUSERS_ONLY,
    "wagtailadmin_collections:*": SUPERUSERS_ONLY,
    "wagtailsettings:*": SUPERUSERS_ONLY,
    "wagtailredirects:*": SUPERUSERS_ONLY,
    # After deleting the account the person is signed out: the goodbye page is for anyone.
    "accounts:goodbye": EVERYONE,
    # Private pages of signed-in people (the profile, the download of one's data, deletion).
    "accounts:*": SIGNED_IN,
    "account_email": SIGNED_IN,
    "account_change_password": SIGNED_IN,
    "account_set_password": SIGNED_IN,
    "account_reauthenticate": SIGNED_IN,
    "mfa_index": SIGNED_IN,
    "mfa_activate_totp": SIGNED_IN,
    # A citizen starts a producer profile here; staff accounts are kept out of the cabinet.
    "cabinet:dashboard": frozenset({CITIZEN, PRODUCER, OTHER_PRODUCER}),
    "cabinet:profile": frozenset({CITIZEN, PRODUCER, OTHER_PRODUCER}),
    "cabinet:fairs": frozenset({PRODUCER, OTHER_PRODUCER}),
    # Submits the caller's own profile (own_producer_or_404): every producer has one.
    "cabinet:submit_profile": frozenset({PRODUCER, OTHER_PRODUCER}),
    "cabinet:product_new": frozenset({PRODUCER, OTHER_PRODUCER}),
    "cabinet:*": frozenset({PRODUCER}),  # the owner's own product, profile and sign-ups
    # The applicant's status page: its unguessable key is the credential.
    "page:ShelterIndexPage:application": EVERYONE,
    # The cancellation page of an event sign-up: the key in the letter is the credential.
    "page:ShelterIndexPage:signup_cancel": EVERYONE,
    "page:ContestPage:vote": frozenset({CITIZEN}),  # verified e-mail and phone only
    # A ТОС chair's pages: residents with a confirmed e-mail; an application its chair only.
    "page:ContestIndexPage:my_tos": frozenset({CITIZEN, PRODUCER, OTHER_PRODUCER}),
    "page:ContestPage:apply": frozenset({CITIZEN, PRODUCER, OTHER_PRODUCER}),
    "page:ContestPage:application": frozenset({CITIZEN}),
    # The shelter's schedule of volunteer shifts: accepted volunteers only (the citizen is one).
    "page:ShelterIndexPage:volunteer_shifts": frozenset({CITIZEN}),
}

# Public URLs, and Wagtail's generic admin endpoints every staff member uses by design.
NOT_CHECKED = {
    "wagtailadmin_home": "the dashboard, shared by every staff member",
    "wagtailadmin_account": "one's own account settings",
    "wagtailadmin_logout": "signing out",
    "wagtailadmin_login": "public sign-in form",
    "staff_login": "public sign-in form of the staff (with the second factor)",
    "staff_password_reset": "public password reset",
    "mfa_authenticate": "the second step of signing in",
    "mfa_reauthenticate": "the second factor asked again before a sensitive change",
    "view": "admin/test404/: Wagtail's page for a missing admin URL",
    "default": "admin/…: Wagtail's catch-all for a missing admin URL",
    "wagtailadmin_password_reset*": "public password reset",
    "wagtailadmin_javascript_catalog": "translations for the admin's scripts",
    "wagtailadmin_sprite": "icons",
    "wagtailadmin_error_test": "raises on purpose for monitoring checks",
    "wagtailadmin_dismissibles": "one's own dismissed hints",
    "wagtailadmin_tag_*autocomplete": "tag suggestions for the editing forms",
    "wagtailadmin_block_preview": "preview of a StreamField block",
    "wagtailadmin_editing_sessions:*": "who else edits the same object",
    "wagtailadmin_pages:*": "pages: Wagtail checks page permissions (tests/portal/test_roles.py)",
    "wagtailsnippets:index": "the snippet types, each shown only to those who may see it",
    "wagtailforms:*": "form pages' submissions, filtered by page permissions",
    "mfa_deactivate_totp": "one's own second factor (allauth: 404 until it is on)",
    "mfa_*recovery_codes": "one's own recovery codes (allauth: 404 until TOTP is on)",
    "wagtailadmin_explore*": "page explorer, filtered by page permissions",
    "wagtailadmin_choose_page*": "page chooser, shared by design",
    "wagtailadmin_api:*": "admin API of the page explorer, filtered by page permissions",
    "wagtailadmin_reports:*": "reports, each filtered to what the user may see",
    "wagtail_bulk_action": "bulk actions check each object's permission (check_perm)",
    "wagtailimages*": "images: every group uploads and chooses them (README)",
    "wagtaildocs*": "documents: every group uploads and chooses them (README)",
    "wagtailembeds*": "embed chooser, shared by design",
    "account_login": "public",
    "account_logout": "signing out",
    "account_signup": "public",
    "account_inactive": "public notice",
    "account_email_verification_sent": "public notice",
    "account_confirm_email": "the key in the link is the credential",
    "account_confirm_login_code": "public step of signing in",
    "account_reset_password*": "public password reset",
    "shelter_one_click_unsubscribe": "RFC 8058 one-click unsubscribe: the token is the credential",
    "one_click_unsubscribe": "RFC 8058 one-click unsubscribe of news and calendar digests: the "
    "token is the credential (tests/portal/test_subscriptions.py)",
    "search": "public site search",
    "discussion:rules": "public rules of the discussions",
    "discussion:feed": "public feed of a page's published comments",
    "accessibility": "public display setting",
    "healthz": "probe for load balancers",
    "metrics": "answered by client address, not role: tests/portal/test_metrics.py",
    "sitemap": "public",
    "api-*": "the public read-only API: anonymous by design; leak tests in tests/portal/api",
    "opendata*": "public open-data sets: anonymous by design; leak tests in tests/portal/opendata",
    "page_file": "page files (feeds, CSV): served by the pages, checked per route below",
    "wagtail_serve": "public pages, checked per route below",
    "wagtailcore_*": "page passwords and the public sign-in of restricted pages",
    "media": "uploaded files (development and tests only)",
    "page:*": "public routes of the site's pages",
}


def classify(key):
    for pattern, allowed in MATRIX.items():
        if fnmatch.fnmatch(key, pattern):
            return allowed
    for pattern in NOT_CHECKED:
        if fnmatch.fnmatch(key, pattern):
            return None
    raise LookupError(key)


def walk(patterns, prefix="", namespace=""):
    """(key, route regex, the pattern) of every URL below `patterns`."""
    for pattern in patterns:
        route = prefix + pattern.pattern.regex.pattern.lstrip("^")
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, route.rstrip("$"), inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or getattr(pattern.callback, "__name__", "")
            yield (f"{namespace}:{name}" if namespace else name), route, pattern


def page_routes():
    """(key, route, page model) of every route of every routable page model."""
    for model in apps.get_models():
        if issubclass(model, Page) and issubclass(model, RoutablePageMixin):
            for pattern in model.get_subpage_urls():
                route = pattern.pattern.regex.pattern.lstrip("^")
                yield f"page:{model.__name__}:{pattern.name}", route, model


def all_urls():
    return [(key, route) for key, route, _ in walk(get_resolver().url_patterns)] + [
        (key, route) for key, route, _ in page_routes()
    ]


def test_every_url_is_classified():
    unclassified = []
    for key, route in all_urls():
        try:
            classify(key)
        except LookupError:
            unclassified.append(f"{key} ({route})")
    assert not unclassified, "\n".join(unclassified)


def test_every_admin_chooser_checks_permissions():
    get_resolver().url_patterns  # noqa: B018  loads the admin URLs and so every viewset
    assert unguarded_chooser_viewsets() == []


# --- the dataset ----------------------------------------------------------------------------


@pytest.fixture
def dataset(django_user_model):
    home, news_index = build_site()
    news_item = NewsPageFactory(parent=news_index)
    project_index = ProjectIndexPageFactory(parent=home)
    CalendarIndexPageFactory(parent=home)
    shelter = ShelterIndexPageFactory(parent=home)
    ProducerIndexPageFactory(parent=home)
    contest_index = ContestIndexPageFactory(parent=home)
    contest = ContestPageFactory(parent=contest_index)
    entry = accepted_entry(contest)
    # The jury stage, with a criterion, so the jury's desk has a contest and a form to show.
    ContestPage.objects.filter(pk=contest.pk).update(jury_closes_at=contest.voting_closes_at)
    contest.jury_closes_at = contest.voting_closes_at
    Criterion.objects.create(contest=contest, name="Благоустройство", weight=1, scale_max=10)
    roles.ensure_roles()

    users = {ANONYMOUS: None, CITIZEN: citizen("matrix-citizen")}
    users[PRODUCER], users[OTHER_PRODUCER] = UserFactory(), UserFactory()
    for group in roles.STAFF_GROUPS:
        # Staff accounts are made as in production: a group, no Django is_staff flag.
        user = django_user_model.objects.create_user(username=f"staff-{len(users)}")
        user.groups.add(Group.objects.get(name=group))
        users[group] = user
    users[SUPERUSER] = django_user_model.objects.create_superuser("matrix-root")

    # The project team member administers this project; its records fill the team's URLs.
    project = project_with_team(project_index, administrator=users[roles.PROJECT_TEAM])
    point_report = ControlPointReportFactory(control_point=project.control_points.get())
    fact = IndicatorFactFactory(indicator=project.indicators.get())
    meeting = CommitteeMeetingFactory()
    meeting.agenda.add(project)

    producer = ProducerFactory(owner=users[PRODUCER])
    ProducerFactory(owner=users[OTHER_PRODUCER])
    product = ProductFactory(producer=producer)
    fair_day = FairDayFactory()
    entry_on_roster = RosterEntry.objects.create(fair_day=fair_day, producer=producer)
    product.edit({"name": "Мёд липовый"}, by=users[PRODUCER])
    product.submit(by=users[PRODUCER])
    change = product.open_request()
    application = ApplicationFactory(pet=PetFactory())
    signup = signup_for(SignupSettingsFactory(), citizen("matrix-visitor"))
    vote = contest.votes.create(entry=entry, voter=users[CITIZEN], receipt_code="ABCD-EFGH-JKLM")
    tos_application = filled_application(contest, confirmed_tos(chair=users[CITIZEN]))
    tos_document = ApplicationDocument.objects.create(
        application=tos_application, title="Решение", file=ContentFile(b"%PDF-1.4", name="d.pdf")
    )
    comment = Comment.objects.create(
        page=news_item, display_name="Житель", text="Текст", state=CommentState.APPROVED
    )
    # The volunteer programme: the citizen is an accepted volunteer with a shift.
    volunteer = VolunteerApplicationFactory(user=users[CITIZEN])
    shift_signup = ShiftSignupFactory(user=users[CITIZEN])
    records = {
        "shelter.volunteerapplication": volunteer,
        "shelter.volunteershift": shift_signup.shift,
        "shelter.pet": application.pet,
        "shelter.adoptionapplication": application,
        "shelter.subscription": SubscriptionFactory(),
        "shelter.eventsignupsettings": SignupSettingsFactory(),
        "shelter.shelterneed": ShelterNeedFactory(),
        "projects.person": PersonFactory(),
        "projects.committeemeeting": meeting,
        "calendar_pages.facility": FacilityFactory(),
        "calendar_pages.cityevent": CityEventFactory(),
        "producers.category": product.category,
        "producers.producer": producer,
        "producers.product": product,
        "producers.fair": fair_day.fair,
        "producers.fairday": fair_day,
        "producers.rosterentry": entry_on_roster,
    }
    params = {
        "producers_moderation:*": {"pk": change.pk, "kind": "producers"},
        "contest_admin:*": {
            "contest_id": contest.pk,
            "vote_id": vote.pk,
            "entry_id": entry.pk,
            "tos_id": tos_application.tos_id,
            "application_id": tos_application.pk,
            "document_id": tos_document.pk,
        },
        "page:ContestPage:application": {"application_id": tos_application.pk},
        "projects_*": {
            "project_id": project.pk,
            "point_id": point_report.control_point_id,
            "indicator_id": fact.indicator_id,
            "report_id": point_report.pk,
            "fact_id": fact.pk,
            "meeting_id": meeting.pk,
        },
        "discussion_admin:*": {"pk": comment.pk},
        "discussion:*": {"page_id": news_item.pk, "pk": comment.pk},
        "cabinet:leave_fair": {"pk": entry_on_roster.pk},
        "cabinet:*": {"pk": product.pk},
        "page:ShelterIndexPage:application": {"token": application.token},
        "page:ShelterIndexPage:signup_cancel": {"token": signup.token},
    }
    pages = {"ShelterIndexPage": shelter, "ContestPage": contest, "ContestIndexPage": contest_index}
    return {"users": users, "records": records, "params": params, "pages": pages}


def url_for(key, route, data):
    """The route with its parameters filled from the dataset, and whether every parameter had a
    real record (else "0" stands in, and only refusals are checked: they come before lookups)."""
    values = {}
    match = re.match(r"wagtailsnippet(?:s|choosers)_(\w+?)_([a-z]+):", key)
    if match:
        record = data["records"].get(f"{match[1]}.{match[2]}")
        values["pk"] = record.pk if record else None
    for pattern, given in data["params"].items():
        if fnmatch.fnmatch(key, pattern):
            values = {**given, **values}
            break
    missing = []

    def fill(group):
        value = values.get(group[1])
        if value is None:
            missing.append(group[1])
            value = 0
        return str(value)

    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", fill, route)
    path = path.removesuffix("$").removesuffix("\\Z").replace("\\", "")
    if key.startswith("page:"):
        return data["pages"][key.split(":")[1]].url + path, not missing
    return "/" + path, not missing


def answer(client, url):
    response = client.get(url)
    if response.status_code == 405:  # a POST-only action: an empty form is enough to be refused
        response = client.post(url, {})
    return response


def refused(role, response):
    location = response.get("Location", "")
    if role == ANONYMOUS:
        return response.status_code == 302 and "login" in location
    if response.status_code in (403, 404):
        return True
    # Wagtail answers "permission denied" with a redirect to the dashboard and a message; the
    # admin sends people without admin access to its sign-in page.
    return response.status_code == 302 and (location == "/admin/" or "login" in location)


def roles_to_try(allowed, complete, turn):
    """Every allowed role (when the URL has a real record) and refused ones: anonymous, and in
    turn one of the others, so that each refused role meets each area a few times while the run
    stays at a few hundred requests."""
    refused_roles = [role for role in ROLES if role not in allowed and role != ANONYMOUS]
    chosen = [ANONYMOUS]
    if refused_roles:
        chosen.append(refused_roles[turn % len(refused_roles)])
    if complete and allowed != SUPERUSERS_ONLY:  # Wagtail's and Django's own site-wide admin
        chosen += [role for role in ROLES if role in allowed]
    return chosen


def test_every_url_answers_as_the_matrix_says(client, dataset):
    client.raise_request_exception = False  # a 500 is one more wrong answer in the list
    wrong = []
    for turn, (key, route) in enumerate(all_urls()):
        allowed = classify(key)
        if allowed is None:
            continue
        url, complete = url_for(key, route, dataset)
        for role in roles_to_try(allowed, complete, turn):
            with transaction.atomic():
                user = dataset["users"][role]
                if user is None:
                    client.logout()
                else:
                    client.force_login(user)
                response = answer(client, url)
                transaction.set_rollback(True)
            is_refused = refused(role, response)
            if (role in allowed) == is_refused:
                expected = "allowed" if role in allowed else "refused"
                wrong.append(
                    f"{url} as {role}: expected {expected}, got {response.status_code} "
                    f"{response.get('Location', '')}"
                )
    assert not wrong, "\n".join(wrong)
