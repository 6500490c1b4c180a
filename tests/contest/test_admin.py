"""The contest commission's desk: who may see votes, annul, accept entries and publish results.

Permission matrix: anonymous, a plain citizen, every staff group, a superuser × every action.
"""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse

from contest.models import AuditAction, AuditEvent, ContestResults, EntryAcceptance, Vote
from contest.voting import cast_vote
from portal import roles
from tests.contest.factories import CLOSES, NOW, OPENS, EntryPageFactory, citizen

pytestmark = pytest.mark.django_db
ALLOWED = {roles.CONTEST, "superuser"}
WHO = ["anonymous", "citizen", *roles.STAFF_GROUPS, "superuser"]


@pytest.fixture
def login(client, django_user_model, site_tree):
    def as_(who):
        if who == "anonymous":
            return client
        if who == "citizen":
            user = citizen("plain-citizen")
        elif who == "superuser":
            user = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
        else:
            user = django_user_model.objects.create_user(
                username=f"staff-{abs(hash(who))}", password="pw", is_staff=True
            )
            user.groups.add(Group.objects.get(name=who))
        client.force_login(user)
        return client

    return as_


@pytest.fixture
def vote(contest, entries):
    with time_machine.travel(NOW, tick=False):
        return cast_vote(contest, entries[0], citizen("someone"), "10.0.0.1")


def allowed(who, response):
    """Whether `who` got through; if not, check where the refusal sent them.

    Without staff rights the admin asks for a sign-in and comes back to the desk after it; staff
    without the contest permission are sent to the admin home.
    """
    if who in ALLOWED:
        return True
    assert response.status_code == 302, response.status_code
    if who in ("anonymous", "citizen"):
        path = response.wsgi_request.get_full_path()
        assert response["Location"] == f"{reverse('wagtailadmin_login')}?next={path}"
    else:
        assert response["Location"] == reverse("wagtailadmin_home")
    return False


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("view", ["index", "votes", "anomalies", "audit"])
def test_reading_the_desk(login, contest, vote, who, view):
    url = reverse(f"contest_admin:{view}", args=[] if view == "index" else [contest.pk])
    with time_machine.travel(NOW, tick=False):
        response = login(who).get(url)
    if allowed(who, response):
        assert response.status_code == 200
        if view == "votes":
            assert vote.receipt_code in response.content.decode()
            assert "someone@example.org" in response.content.decode()
    else:
        assert "someone@example.org" not in response.content.decode()


@pytest.mark.parametrize("who", WHO)
def test_annulling_a_vote(login, vote, who):
    url = reverse("contest_admin:annul", args=[vote.pk])
    with time_machine.travel(NOW, tick=False):
        response = login(who).post(url, {"reason": "Подставная учётная запись"})
    vote.refresh_from_db()
    if allowed(who, response):
        assert response.status_code == 302
        assert vote.is_annulled and vote.annul_reason == "Подставная учётная запись"
    else:
        assert not vote.is_annulled


def test_annulment_without_reason_re_renders_with_error(login, vote):
    with time_machine.travel(NOW, tick=False):
        response = login("superuser").post(
            reverse("contest_admin:annul", args=[vote.pk]), {"reason": "  "}
        )
    assert response.status_code == 400
    assert not Vote.objects.get(pk=vote.pk).is_annulled


@pytest.mark.parametrize("who", WHO)
def test_publishing_results(login, contest, vote, who):
    url = reverse("contest_admin:publish", args=[contest.pk])
    with time_machine.travel(CLOSES + datetime.timedelta(hours=1), tick=False):
        response = login(who).post(url)
    published = ContestResults.objects.filter(contest=contest).exists()
    assert published == allowed(who, response)


def test_publishing_during_voting_is_refused_with_a_message(login, contest, vote):
    with time_machine.travel(NOW, tick=False):
        client = login(roles.CONTEST)
        response = client.post(reverse("contest_admin:publish", args=[contest.pk]), follow=True)
    assert "только после окончания голосования" in response.content.decode()
    assert not ContestResults.objects.exists()


@pytest.mark.parametrize("who", WHO)
def test_accepting_an_entry(login, contest, who):
    entry = EntryPageFactory(parent=contest)
    url = reverse("contest_admin:accept", args=[entry.pk])
    with time_machine.travel(OPENS - datetime.timedelta(days=1), tick=False):
        response = login(who).post(url)
    assert EntryAcceptance.objects.filter(entry=entry).exists() == allowed(who, response)


def test_entries_cannot_be_accepted_once_voting_opened(login, contest):
    entry = EntryPageFactory(parent=contest)
    with time_machine.travel(OPENS, tick=False):
        login(roles.CONTEST).post(reverse("contest_admin:accept", args=[entry.pk]))
    assert not EntryAcceptance.objects.filter(entry=entry).exists()


def test_acceptance_is_audited(login, contest):
    entry = EntryPageFactory(parent=contest)
    with time_machine.travel(OPENS - datetime.timedelta(days=1), tick=False):
        login(roles.CONTEST).post(reverse("contest_admin:accept", args=[entry.pk]))
    assert AuditEvent.objects.filter(action=AuditAction.ACCEPT, contest=contest).exists()


@pytest.mark.parametrize("who", WHO)
def test_model_permissions_on_votes(login, who, django_user_model):
    login(who)
    if who == "anonymous":
        return
    user = django_user_model.objects.order_by("-pk").first()
    for codename in ("view_vote", "change_vote", "add_contestresults", "add_entryacceptance"):
        assert user.has_perm(f"contest.{codename}") == (who in ALLOWED)


@pytest.mark.parametrize("who", [roles.CONTEST, roles.EDITORS, roles.SHELTER])
def test_only_the_contest_group_adds_entry_pages(login, contest_index, contest, who):
    from wagtail.models import Page

    # The section permissions are granted on the page at slug "tos-contest" by ensure_roles.
    roles.ensure_roles()
    client = login(who)
    section = Page.objects.get(slug="tos-contest")
    response = client.get(
        reverse("wagtailadmin_pages:add", args=["contest", "entrypage", contest.pk])
    )
    assert section.pk == contest_index.pk
    can_add = response.status_code == 200 and 'name="chair"' in response.content.decode()
    assert can_add == (who == roles.CONTEST)


def test_a_contest_with_votes_cannot_be_deleted(login, contest, vote):
    from wagtail.models import Page

    client = login("superuser")
    for page in (contest, vote.entry, contest.get_parent()):
        response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
        assert response.status_code == 302
        assert Page.objects.filter(pk=page.pk).exists()
        assert Vote.objects.filter(pk=vote.pk).exists()


def test_annul_form_shows_the_vote(login, vote):
    response = login(roles.CONTEST).get(reverse("contest_admin:annul", args=[vote.pk]))
    assert response.status_code == 200
    assert vote.receipt_code in response.content.decode()
    assert 'name="reason"' in response.content.decode()


def test_anomaly_report_highlights_a_spike(login, contest, entries):
    import datetime as dt

    from tests.contest.factories import OPENS

    for number in range(8):
        Vote.objects.create(
            contest=contest,
            entry=entries[0],
            voter=citizen(f"bot{number}"),
            receipt_code=f"BOT{number}",
            cast_at=OPENS + dt.timedelta(minutes=number),
            network="185.12.45.0/24",
            phone_prefix="+7999000",
        )
    page = login(roles.CONTEST).get(reverse("contest_admin:anomalies", args=[contest.pk]))
    # One network and one phone prefix hold every vote; a single hour has no usual level yet.
    assert page.content.decode().count("<strong>всплеск</strong>") == 2


def test_a_voter_account_cannot_be_deleted(login, vote):
    client = login("superuser")
    response = client.post(reverse("wagtailusers_users:delete", args=[vote.voter_id]))
    assert response.status_code == 302
    assert Vote.objects.filter(pk=vote.pk, voter_id=vote.voter_id).exists()
