"""A chair's application: drafts that survive, the deadline read inside the transaction, the
personal deadline after a return, and the chair's pages."""

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from contest import applications
from contest.applications import ApplicationError
from contest.models import ApplicationState, EntryApplication
from portal.models import OutboundEmail
from tests.contest.factories import APPLYING, confirmed_tos, filled_application, make_user

pytestmark = pytest.mark.django_db
MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
# The factory contest's applications close on 15 October 2026: the deadline is midnight after it.
DEADLINE = datetime.datetime(2026, 10, 16, 0, 0, tzinfo=MOSCOW)
SECOND = datetime.timedelta(seconds=1)


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")


def test_the_deadline_is_the_end_of_the_closing_day_in_moscow(contest):
    assert contest.applications_deadline() == DEADLINE
    assert contest.accepts_applications(DEADLINE - SECOND)
    assert not contest.accepts_applications(DEADLINE)
    opening = datetime.datetime(2026, 9, 1, tzinfo=MOSCOW)
    assert not contest.accepts_applications(opening - SECOND)
    assert contest.accepts_applications(opening)


def test_a_submit_in_the_last_second_is_accepted(contest):
    application = filled_application(contest)
    with time_machine.travel(DEADLINE - SECOND, tick=False):
        applications.submit(application, by=application.tos.chair)
    assert EntryApplication.objects.get().state == ApplicationState.SUBMITTED


def test_a_submit_at_the_closing_second_is_refused(contest):
    application = filled_application(contest)
    with time_machine.travel(DEADLINE, tick=False), pytest.raises(ApplicationError) as refusal:
        applications.submit(application, by=application.tos.chair)
    assert refusal.value.status == 403
    assert EntryApplication.objects.get().state == ApplicationState.DRAFT


def test_the_clock_is_read_inside_the_transaction(contest, monkeypatch):
    """A request that started before the deadline but reaches the write after it is refused:
    the moment is taken after the row is locked, not when the request began."""
    application = filled_application(contest)
    real_lock = EntryApplication.objects.select_for_update
    with time_machine.travel(DEADLINE - SECOND, tick=False) as clock:

        def slow_lock(*args, **kwargs):
            clock.move_to(DEADLINE)  # the request waited for the row past the deadline
            return real_lock(*args, **kwargs)

        monkeypatch.setattr(EntryApplication.objects, "select_for_update", slow_lock)
        with pytest.raises(ApplicationError):
            applications.submit(application, by=application.tos.chair)
    assert EntryApplication.objects.get().state == ApplicationState.DRAFT


def test_an_empty_application_cannot_be_submitted(contest):
    application = filled_application(contest, description="", achievements="")
    with time_machine.travel(APPLYING, tick=False), pytest.raises(ApplicationError):
        applications.submit(application, by=application.tos.chair)


def test_submitting_mails_the_chair_a_copy(contest):
    application = filled_application(contest)
    with time_machine.travel(APPLYING, tick=False):
        applications.submit(application, by=application.tos.chair)
    letter = OutboundEmail.objects.get(to=application.tos.chair.email)
    assert "подана" in letter.subject
    assert f"/apply/{application.pk}/" in letter.body


def test_a_returned_application_is_edited_and_resubmitted(contest, staff):
    application = filled_application(contest)
    with time_machine.travel(APPLYING, tick=False):
        applications.submit(application, by=application.tos.chair)
        applications.return_for_changes(application, by=staff, comment="Добавьте фото")
        applications.save_draft(
            application, description="Новое описание", achievements="Ещё", figures=[]
        )
        applications.submit(application, by=application.tos.chair)
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
    assert application.description == "Новое описание"
    states = list(application.events.values_list("state", "comment"))
    assert states == [
        ("submitted", ""),
        ("returned", "Добавьте фото"),
        ("submitted", ""),
    ]
    assert (
        "Добавьте фото" in OutboundEmail.objects.filter(subject__contains="доработать").get().body
    )


def test_without_a_personal_deadline_a_returned_application_keeps_the_contests(contest, staff):
    application = filled_application(contest)
    with time_machine.travel(APPLYING, tick=False):
        applications.submit(application, by=application.tos.chair)
        applications.return_for_changes(application, by=staff, comment="Уточните цифры")
    with time_machine.travel(DEADLINE, tick=False), pytest.raises(ApplicationError):
        applications.submit(application, by=application.tos.chair)


def test_a_personal_deadline_lets_the_chair_resubmit_after_the_contests(contest, staff):
    application = filled_application(contest)
    personal = DEADLINE + datetime.timedelta(days=7)
    with time_machine.travel(APPLYING, tick=False):
        applications.submit(application, by=application.tos.chair)
        applications.return_for_changes(
            application, by=staff, comment="Уточните цифры", resubmit_by=personal
        )
    with time_machine.travel(personal - SECOND, tick=False):
        applications.submit(application, by=application.tos.chair)
    assert EntryApplication.objects.get().state == ApplicationState.SUBMITTED


def test_a_personal_deadline_must_come_before_voting(contest, staff):
    application = filled_application(contest)
    with time_machine.travel(APPLYING, tick=False):
        applications.submit(application, by=application.tos.chair)
        with pytest.raises(ApplicationError):
            applications.return_for_changes(
                application, by=staff, comment="x", resubmit_by=contest.voting_opens_at
            )


def test_a_submitted_application_cannot_be_edited(contest):
    application = filled_application(contest)
    with time_machine.travel(APPLYING, tick=False):
        applications.submit(application, by=application.tos.chair)
    with pytest.raises(ApplicationError):
        applications.save_draft(application, description="", achievements="", figures=[])


def test_an_unconfirmed_tos_cannot_start_an_application(contest):
    from tests.contest.factories import TosFactory

    with time_machine.travel(APPLYING, tick=False), pytest.raises(ApplicationError):
        applications.start(contest, TosFactory(), "")


def test_the_nomination_must_be_the_contests(contest):
    contest.nominations = "Лучший двор\nЛучший праздник"
    tos = confirmed_tos()
    with time_machine.travel(APPLYING, tick=False):
        with pytest.raises(ApplicationError):
            applications.start(contest, tos, "Выдуманная")
        first = applications.start(contest, tos, "Лучший двор")
        assert applications.start(contest, tos, "Лучший двор") == first


def test_figures_are_read_from_lines():
    assert applications.figures_from_text("Субботников: 12\n\nДеревьев: 40") == [
        {"label": "Субботников", "value": "12"},
        {"label": "Деревьев", "value": "40"},
    ]
    with pytest.raises(Exception, match="Строка 1"):
        applications.figures_from_text("без двоеточия")


# --- the chair's pages ------------------------------------------------------------------------


def page_url(contest, application):
    return contest.url + contest.reverse_subpage("application", args=[application.pk])


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "green").save(buffer, "PNG")
    return SimpleUploadedFile("yard.png", buffer.getvalue(), content_type="image/png")


def form(**extra):
    return {
        "description": "Двор",
        "achievements": "Площадка",
        "figures": "Субботников: 12",
        "action": "save",
        **extra,
    }


def test_the_chair_saves_a_draft_with_a_photo_and_a_pdf(client, contest):
    application = filled_application(contest)
    client.force_login(application.tos.chair)
    pdf = SimpleUploadedFile("decision.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    with time_machine.travel(APPLYING, tick=False):
        response = client.post(
            page_url(contest, application),
            form(photo=png(), photo_alt="Новый двор", document=pdf, document_title="Решение"),
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == ApplicationState.DRAFT
    assert application.figures == [{"label": "Субботников", "value": "12"}]
    assert application.photos.get().alt_text == "Новый двор"
    assert application.documents.get().title == "Решение"


def test_a_document_that_is_not_a_pdf_is_refused_in_russian(client, contest):
    application = filled_application(contest)
    client.force_login(application.tos.chair)
    fake = SimpleUploadedFile("decision.pdf", b"MZ\x90\x00", content_type="application/pdf")
    with time_machine.travel(APPLYING, tick=False):
        response = client.post(
            page_url(contest, application), form(document=fake, document_title="Решение")
        )
    assert response.status_code == 400
    assert "только документы в формате PDF" in response.content.decode()
    assert not application.documents.exists()


def test_a_photo_needs_its_alt_text(client, contest):
    application = filled_application(contest)
    client.force_login(application.tos.chair)
    with time_machine.travel(APPLYING, tick=False):
        response = client.post(page_url(contest, application), form(photo=png()))
    assert response.status_code == 400
    assert "Напишите, что на фотографии" in response.content.decode()


def test_the_chair_submits_from_the_page(client, contest):
    application = filled_application(contest)
    client.force_login(application.tos.chair)
    with time_machine.travel(APPLYING, tick=False):
        client.post(page_url(contest, application), form(action="submit"))
    assert EntryApplication.objects.get().state == ApplicationState.SUBMITTED


def test_a_late_submit_keeps_the_draft_and_says_why(client, contest):
    application = filled_application(contest)
    client.force_login(application.tos.chair)
    with time_machine.travel(DEADLINE, tick=False):
        response = client.post(
            page_url(contest, application), form(action="submit", description="Поздно")
        )
    assert response.status_code == 403
    assert "Срок подачи заявок истёк" in response.content.decode()
    application.refresh_from_db()
    assert (application.state, application.description) == ("draft", "Поздно")


def test_another_resident_cannot_open_the_application(client, contest):
    application = filled_application(contest)
    client.force_login(make_user("stranger", email_verified=True))
    assert client.get(page_url(contest, application)).status_code == 404


def test_the_chair_starts_an_application_from_the_contest(client, contest):
    tos = confirmed_tos()
    client.force_login(tos.chair)
    with time_machine.travel(APPLYING, tick=False):
        page = client.get(contest.url)
        assert "Подать заявку" in page.content.decode()
        response = client.post(contest.url + "apply/", {"nomination": ""})
    application = EntryApplication.objects.get()
    assert response["Location"].endswith(f"/apply/{application.pk}/")


def test_a_saved_draft_is_shown_again(client, contest):
    application = filled_application(contest, description="Наш двор у моря")
    client.force_login(application.tos.chair)
    with time_machine.travel(APPLYING, tick=False):
        page = client.get(page_url(contest, application)).content.decode()
    assert "Наш двор у моря</textarea>" in page


def test_a_made_up_nomination_is_a_russian_400(client, contest):
    contest.nominations = "Лучший двор"
    contest.save_revision().publish()
    tos = confirmed_tos()
    client.force_login(tos.chair)
    with time_machine.travel(APPLYING, tick=False):
        response = client.post(contest.url + "apply/", {"nomination": "<script>" * 100})
    assert response.status_code == 400
    assert "Выберите одну из номинаций конкурса" in response.content.decode()
    assert not EntryApplication.objects.exists()


def test_bad_figures_are_a_russian_400(client, contest):
    application = filled_application(contest)
    client.force_login(application.tos.chair)
    with time_machine.travel(APPLYING, tick=False):
        response = client.post(page_url(contest, application), form(figures="просто текст"))
    assert response.status_code == 400
    assert "запишите показатель как" in response.content.decode()
