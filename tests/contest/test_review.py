"""Staff review: the checklist, the three decisions with letters and history, and acceptance
publishing the entry page voting uses."""

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse

from contest import applications
from contest.models import ApplicationState, AuditAction, AuditEvent, EntryApplication
from portal import roles
from portal.models import OutboundEmail
from tests.contest.factories import APPLYING, filled_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def contest_staff(django_user_model, site_tree):
    user = django_user_model.objects.create_user("commission", "c@example.org", "pw")
    user.groups.add(Group.objects.get(name=roles.CONTEST))
    return user


@pytest.fixture
def submitted(contest):
    contest.nominations = "Лучший двор"
    contest.save_revision().publish()
    application = filled_application(contest, nomination="Лучший двор")
    with time_machine.travel(APPLYING, tick=False):
        applications.submit(application, by=application.tos.chair)
    return application


def decide(client, application, **data):
    url = reverse("contest_admin:application", args=[application.pk])
    with time_machine.travel(APPLYING, tick=False):
        return client.post(url, data)


def test_accepting_publishes_an_accepted_entry_on_the_contest_page(
    client, contest_staff, submitted
):
    client.force_login(contest_staff)
    response = decide(
        client, submitted, decision="accept", tos_confirmed="on", content_complete="on"
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    entry = submitted.entry
    assert submitted.state == ApplicationState.ACCEPTED
    assert entry.live and entry.is_accepted
    assert (entry.title, entry.nomination, entry.chair) == (
        submitted.tos.name,
        "Лучший двор",
        submitted.tos.chair_full_name,
    )
    assert "Субботников: 12" in str(entry.achievements)
    assert entry.get_parent().pk == submitted.contest.pk
    assert AuditEvent.objects.filter(action=AuditAction.ACCEPT, actor=contest_staff).exists()
    event = submitted.events.get(state=ApplicationState.ACCEPTED)
    assert event.checklist == {
        "tos_confirmed": True,
        "content_complete": True,
        "files_ok": False,
        "nomination_ok": False,
    }
    letter = OutboundEmail.objects.get(subject__contains="принята")
    assert entry.url in letter.body
    client.logout()
    with time_machine.travel(APPLYING, tick=False):
        assert entry.title in client.get(submitted.contest.url).content.decode()


def test_returning_needs_comments_and_mails_them(client, contest_staff, submitted):
    client.force_login(contest_staff)
    assert decide(client, submitted, decision="return", comment="").status_code == 400
    decide(client, submitted, decision="return", comment="Приложите решение совета")
    submitted.refresh_from_db()
    assert submitted.state == ApplicationState.RETURNED
    letter = OutboundEmail.objects.get(to=submitted.tos.chair.email, subject__contains="доработать")
    assert "Приложите решение совета" in letter.body


def test_refusing_keeps_the_reason_in_the_history(client, contest_staff, submitted):
    client.force_login(contest_staff)
    decide(client, submitted, decision="refuse", comment="ТОС не из Сочи")
    submitted.refresh_from_db()
    assert submitted.state == ApplicationState.REFUSED
    assert submitted.events.get(state="refused").comment == "ТОС не из Сочи"
    page = client.get(reverse("contest_admin:application", args=[submitted.pk]))
    assert "ТОС не из Сочи" in page.content.decode()


def test_a_decided_application_cannot_be_decided_again(client, contest_staff, submitted):
    client.force_login(contest_staff)
    decide(client, submitted, decision="refuse", comment="Нет")
    response = decide(client, submitted, decision="accept")
    assert response.status_code == 400
    assert EntryApplication.objects.get().state == ApplicationState.REFUSED


def test_the_list_filters_by_state(client, contest_staff, submitted, contest):
    client.force_login(contest_staff)
    url = reverse("contest_admin:applications", args=[contest.pk])
    assert submitted.tos.name in client.get(url, {"state": "submitted"}).content.decode()
    assert submitted.tos.name not in client.get(url, {"state": "accepted"}).content.decode()
    assert client.get(url, {"state": "<script>"}).status_code == 200


@pytest.mark.parametrize("group", [roles.EDITORS, roles.SHELTER])
def test_other_staff_groups_cannot_review(client, django_user_model, site_tree, submitted, group):
    user = django_user_model.objects.create_user("other", "o@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    response = decide(client, submitted, decision="accept")
    assert response.status_code in (302, 403)
    assert EntryApplication.objects.get().state == ApplicationState.SUBMITTED


def test_a_document_has_no_public_address_and_only_the_commission_downloads_it(
    client, contest_staff, submitted, settings
):
    from django.core.files.base import ContentFile

    from contest.models import ApplicationDocument

    document = ApplicationDocument.objects.create(
        application=submitted,
        title="Решение Городского Собрания",
        file=ContentFile(b"%PDF-1.4 decision", name="decision.pdf"),
    )
    stored = settings.PRIVATE_MEDIA_ROOT / document.file.name
    assert stored.read_bytes() == b"%PDF-1.4 decision"
    assert not (settings.MEDIA_ROOT / document.file.name).exists()
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018 (no address: the storage has none)
    url = reverse("contest_admin:application_document", args=[submitted.pk, document.pk])
    page = reverse("contest_admin:application", args=[submitted.pk])

    client.force_login(submitted.tos.chair)
    assert client.get(url).status_code in (302, 403)
    client.force_login(contest_staff)
    assert url in client.get(page).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 decision"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    other = reverse("contest_admin:application_document", args=[submitted.pk + 1, document.pk])
    assert client.get(other).status_code == 404
