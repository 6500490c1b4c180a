"""A ТОС's application to a contest (one per nomination), its photos, documents and history.

The states and who moves them (named methods, each writing an `ApplicationEvent`):

    draft ──submit──▶ submitted ──accept──▶ accepted (the entry page is published)
                          │ ├──refuse──▶ refused
                          │ └──return_for_changes──▶ returned ──submit──▶ submitted …

The deadline (`submit`): the contest's application window is [the opening day 00:00, the day
after the closing day 00:00) in the portal's time zone (ContestPage.applications_deadline); the
closing instant is too late. `submit` reads the clock inside its transaction, with the
application row locked, as a vote does (contest.voting).

Resubmission after a return: staff returning an application may give it a personal deadline
(`resubmit_by`, before voting opens); the chair may resubmit it until the later of the contest's
deadline and that one. Without one, the contest's deadline holds for returned applications too.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.storage import private_storage


class ApplicationState(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted")
    RETURNED = "returned", _("returned for changes")
    ACCEPTED = "accepted", _("accepted")
    REFUSED = "refused", _("refused")


# States the chair may still edit.
EDITABLE = {ApplicationState.DRAFT, ApplicationState.RETURNED}


class EntryApplication(models.Model):
    contest = models.ForeignKey(
        "contest.ContestPage",
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("contest"),
    )
    tos = models.ForeignKey(
        "contest.Tos", on_delete=models.PROTECT, related_name="applications", verbose_name=_("ТОС")
    )
    nomination = models.CharField(_("nomination"), max_length=200, blank=True)
    description = models.TextField(_("description of activity"), max_length=4000, blank=True)
    achievements = models.TextField(_("achievements over the year"), max_length=8000, blank=True)
    # [{"label": "Субботников", "value": "12"}, …]: shown as a list on the entry page.
    figures = models.JSONField(_("figures"), default=list, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=ApplicationState.choices, default=ApplicationState.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    resubmit_by = models.DateTimeField(_("resubmit by"), null=True, blank=True)
    entry = models.OneToOneField(
        "contest.EntryPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application",
        verbose_name=_("entry page"),
    )

    class Meta:
        verbose_name = _("contest application")
        verbose_name_plural = _("contest applications")
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "tos", "nomination"], name="contest_application_per_nomination"
            ),
        ]

    def __str__(self):
        if self.nomination:
            return f"{self.tos} — {self.nomination}"
        return str(self.tos)

    @property
    def editable(self):
        return self.state in EDITABLE

    def deadline(self):
        """Until when (exclusive) the chair may submit: the contest's deadline, or a later
        personal one given on return."""
        deadline = self.contest.applications_deadline()
        if self.state == ApplicationState.RETURNED and self.resubmit_by:
            return max(deadline, self.resubmit_by)
        return deadline

    # The transitions live in contest.applications (they lock rows, mail and publish pages).


class ApplicationPhoto(models.Model):
    application = models.ForeignKey(
        EntryApplication, on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.CASCADE, related_name="+", verbose_name=_("image")
    )
    alt_text = models.CharField(_("alternative text"), max_length=250)

    class Meta:
        verbose_name = _("application photo")
        verbose_name_plural = _("application photos")
        ordering = ["pk"]

    def __str__(self):
        return self.alt_text


class ApplicationDocument(models.Model):
    application = models.ForeignKey(
        EntryApplication, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("document title"), max_length=200)
    # Not public: the commission downloads it through contest.views.review.application_document.
    file = models.FileField(
        _("file"), upload_to="contest/applications/%Y/", storage=private_storage
    )

    class Meta:
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        ordering = ["pk"]

    def __str__(self):
        return self.title


class ApplicationEvent(models.Model):
    """A line of the application's history: what changed, who did it, when and why."""

    application = models.ForeignKey(
        EntryApplication, on_delete=models.CASCADE, related_name="events"
    )
    state = models.CharField(_("new state"), max_length=10, choices=ApplicationState.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    comment = models.TextField(_("comment"), max_length=4000, blank=True)
    checklist = models.JSONField(_("checklist"), default=dict, blank=True)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.application}: {self.get_state_display()}"
