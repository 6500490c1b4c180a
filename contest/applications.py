"""The chair's and staff's moves on a ТОС's contest application, each a rule in one place.

`start` opens (or finds) the ТОС's draft for a nomination, `save_draft` keeps the chair's text,
`submit` hands it in before the deadline, and staff `return_for_changes`, `refuse` or `accept` it.
Every move writes an `ApplicationEvent` and queues its letter in the same transaction.

`submit` reads the clock inside its transaction with the application row locked, as a vote does
(contest.voting): a submit at the deadline's instant is refused, however long the request took to
get there. The deadline rules are in contest.models.applications' docstring.

`accept` publishes the entry page voting uses, without the moderation workflow (the staff's
decision is the review), then records the acceptance as `EntryPage.accept` always has (audit log).
"""

import html

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.rich_text import RichText

from contest.application_mail import mail_application
from contest.models import (
    ApplicationDocument,
    ApplicationEvent,
    ApplicationPhoto,
    ApplicationState,
    EntryApplication,
    EntryPage,
    EntryPhoto,
)

# What staff check before a decision: key → the line they tick.
CHECKLIST = {
    "tos_confirmed": "ТОС подтверждён",
    "content_complete": "Описание и достижения заполнены",
    "files_ok": "Фото и документы соответствуют",
    "nomination_ok": "Номинация верна",
}
MAX_PHOTOS = 10
MAX_DOCUMENTS = 5


class ApplicationError(Exception):
    """The move was not made; `message` is the Russian reason, `status` the HTTP answer."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def register_tos(tos, *, chair):
    """Save the ТОС `chair` registers (a form's unsaved instance); one ТОС per chair."""
    tos.chair = chair
    try:
        with transaction.atomic():
            tos.save()
    except IntegrityError:
        raise ApplicationError(_("You already chair a ТОС."), status=409) from None
    return tos


def start(contest, tos, nomination, *, now=None):
    """The ТОС's application to `contest` in `nomination`, a new draft if it had none."""
    now = now or timezone.now()
    if not tos.is_confirmed:
        raise ApplicationError(_("Staff have not confirmed your ТОС yet."), status=403)
    if not contest.accepts_applications(now):
        raise ApplicationError(_("The contest does not accept applications now."), status=403)
    nominations = contest.nomination_list()
    if (nominations and nomination not in nominations) or (not nominations and nomination):
        raise ApplicationError(_("Choose one of the contest's nominations."))
    try:
        with transaction.atomic():
            application, _created = EntryApplication.objects.get_or_create(
                contest=contest, tos=tos, nomination=nomination
            )
    except IntegrityError:  # a second tab created it at the same moment
        application = EntryApplication.objects.get(contest=contest, tos=tos, nomination=nomination)
    return application


def save_draft(application, *, description, achievements, figures):
    """Keep the chair's text; only a draft or a returned application can be edited."""
    if not application.editable:
        raise ApplicationError(_("This application can no longer be edited."), status=409)
    application.description = description
    application.achievements = achievements
    application.figures = figures
    application.updated_at = timezone.now()
    application.save(update_fields=["description", "achievements", "figures", "updated_at"])


def submit(application, *, by, now=None):
    """Hand the application in; refused at or after its deadline (clock read in the transaction)."""
    with transaction.atomic():
        locked = (
            EntryApplication.objects.select_for_update(of=("self",))
            .select_related("contest", "tos__chair")
            .get(pk=application.pk)
        )
        moment = now or timezone.now()  # read with the row locked, right before the write
        if not locked.editable:
            raise ApplicationError(_("This application is already submitted."), status=409)
        if moment < locked.contest.applications_open_at():
            raise ApplicationError(_("The contest does not accept applications yet."), status=403)
        if moment >= locked.deadline():
            raise ApplicationError(_("The deadline for applications has passed."), status=403)
        if not locked.description.strip() or not locked.achievements.strip():
            raise ApplicationError(_("Describe the ТОС's activity and achievements first."))
        locked.state = ApplicationState.SUBMITTED
        locked.submitted_at = moment
        locked.save(update_fields=["state", "submitted_at"])
        ApplicationEvent.objects.create(application=locked, state=locked.state, at=moment, by=by)
        mail_application(locked, "contest/mail/application_submitted")
    _refresh(application, locked)
    return application


def return_for_changes(application, *, by, comment, resubmit_by=None, checklist=None):
    """Staff send a submitted application back to the chair with their comments."""
    if not comment.strip():
        raise ApplicationError(_("Write what the chair should change."))
    with transaction.atomic():
        locked = _locked_submitted(application)
        if resubmit_by is not None and resubmit_by >= locked.contest.voting_opens_at:
            raise ApplicationError(_("The new deadline must come before voting opens."))
        locked.resubmit_by = resubmit_by
        _decide(locked, ApplicationState.RETURNED, by, comment, checklist)
        mail_application(locked, "contest/mail/application_returned", comment=comment)
    _refresh(application, locked)


def refuse(application, *, by, reason, checklist=None):
    if not reason.strip():
        raise ApplicationError(_("Give the reason for the refusal."))
    with transaction.atomic():
        locked = _locked_submitted(application)
        _decide(locked, ApplicationState.REFUSED, by, reason, checklist)
        mail_application(locked, "contest/mail/application_refused", comment=reason)
    _refresh(application, locked)


def accept(application, *, by, checklist=None, now=None):
    """Publish the entry page from the application and accept it for voting."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked_submitted(application)
        if now >= locked.contest.voting_opens_at:
            raise ApplicationError(_("Entries can only be accepted before voting opens."))
        locked.entry = _publish_entry(locked, by)
        try:
            locked.entry.accept(by=by, now=now)
        except ValidationError as error:
            raise ApplicationError(" ".join(error.messages)) from None
        _decide(locked, ApplicationState.ACCEPTED, by, "", checklist, extra=["entry"])
        mail_application(locked, "contest/mail/application_accepted")
    _refresh(application, locked)


def _locked_submitted(application):
    locked = (
        EntryApplication.objects.select_for_update(of=("self",))
        .select_related("contest", "tos__chair")
        .get(pk=application.pk)
    )
    if locked.state != ApplicationState.SUBMITTED:
        raise ApplicationError(_("Only a submitted application can be decided on."), status=409)
    return locked


def _decide(application, state, by, comment, checklist, extra=()):
    application.state = state
    application.save(update_fields=["state", "resubmit_by", *extra])
    ApplicationEvent.objects.create(
        application=application,
        state=state,
        by=by,
        comment=comment.strip(),
        checklist={key: bool((checklist or {}).get(key)) for key in CHECKLIST},
    )


def _refresh(application, locked):
    for name in ("state", "submitted_at", "resubmit_by", "entry_id"):
        setattr(application, name, getattr(locked, name))


def _publish_entry(application, by):
    tos = application.tos
    entry = EntryPage(
        title=tos.name,
        district=tos.district,
        chair=tos.chair_full_name,
        nomination=application.nomination,
        territory=tos.territory,
        intro=application.description,
        achievements=_achievements(application),
    )
    application.contest.add_child(instance=entry)
    for photo in application.photos.all():
        EntryPhoto.objects.create(entry=entry, image=photo.image, alt_text=photo.alt_text)
    # The commission may publish it: their decision is the review, not the page workflow.
    revision = entry.save_revision(user=by, log_action=True)
    revision.publish(user=by, skip_permission_checks=True)
    return EntryPage.objects.get(pk=entry.pk)


def _achievements(application):
    """The achievements as paragraphs, the figures as a list: StreamField blocks."""
    blocks = [
        ("paragraph", RichText(f"<p>{html.escape(paragraph.strip())}</p>"))
        for paragraph in application.achievements.split("\n\n")
        if paragraph.strip()
    ]
    if application.figures:
        items = "".join(
            f"<li>{html.escape(row['label'])}: {html.escape(row['value'])}</li>"
            for row in application.figures
        )
        blocks.append(("paragraph", RichText(f"<ul>{items}</ul>")))
    return blocks


def add_photo(application, image, alt_text):
    if not application.editable:
        raise ApplicationError(_("This application can no longer be edited."), status=409)
    if application.photos.count() >= MAX_PHOTOS:
        raise ApplicationError(_("At most %(n)d photos.") % {"n": MAX_PHOTOS})
    return ApplicationPhoto.objects.create(application=application, image=image, alt_text=alt_text)


def add_document(application, upload, title):
    if not application.editable:
        raise ApplicationError(_("This application can no longer be edited."), status=409)
    if application.documents.count() >= MAX_DOCUMENTS:
        raise ApplicationError(_("At most %(n)d documents.") % {"n": MAX_DOCUMENTS})
    return ApplicationDocument.objects.create(application=application, file=upload, title=title)


def figures_from_text(text):
    """«Субботников: 12» lines → [{"label": "Субботников", "value": "12"}]; a line without a
    colon is a refusal with the Russian reason."""
    figures = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label, colon, value = line.partition(":")
        if not colon or not label.strip() or not value.strip():
            raise ValidationError(
                _("Line %(number)d: write a figure as «label: value».") % {"number": number}
            )
        figures.append({"label": label.strip()[:200], "value": value.strip()[:100]})
    if len(figures) > 20:
        raise ValidationError(_("At most 20 figures."))
    return figures


def figures_as_text(figures):
    return "\n".join(f"{row['label']}: {row['value']}" for row in figures)
