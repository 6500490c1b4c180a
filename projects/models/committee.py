"""The project committee: its meetings, its decisions on passports, and every passport version it
approved.

A decision is the only way an approved passport's plan (dates, targets, budget) changes: the
project office prepares the change as a draft of the passport page, and recording the decision
publishes that draft and keeps it as a new PassportVersion (projects.committee).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class CommitteeMeeting(models.Model):
    held_on = models.DateField(_("meeting date"))
    number = models.CharField(_("protocol number"), max_length=50)
    agenda = models.ManyToManyField(
        "projects.ProjectPage",
        verbose_name=_("agenda (projects)"),
        related_name="committee_meetings",
        blank=True,
    )
    protocol = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("protocol (PDF)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("held_on"), FieldPanel("number")]),
        FieldPanel("agenda"),
        FieldPanel("protocol"),
    ]

    class Meta:
        verbose_name = _("project committee meeting")
        verbose_name_plural = _("project committee meetings")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="one_meeting_per_protocol_number")
        ]

    def __str__(self):
        return _("Project committee of %(date)s, protocol No. %(number)s") % {
            "date": self.held_on.strftime("%d.%m.%Y"),
            "number": self.number,
        }

    def clean(self):
        super().clean()
        document = self.protocol
        if document is not None and document.file_extension.lower() != "pdf":
            raise ValidationError({"protocol": _("The protocol must be a PDF document.")})


class DecisionKind(models.TextChoices):
    APPROVE = "approve", _("Approve the passport")
    CHANGE = "change", _("Change the passport")
    SUSPEND = "suspend", _("Suspend the project")
    CLOSE = "close", _("Close the project")


class CommitteeDecision(models.Model):
    meeting = models.ForeignKey(
        CommitteeMeeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    project = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="committee_decisions",
    )
    kind = models.CharField(_("decision"), max_length=20, choices=DecisionKind.choices)
    reason = models.TextField(_("reason"), blank=True)
    # The passport revision the decision put into effect (none for a decision that only
    # records a status, if the page had no revision).
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("passport revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("committee decision")
        verbose_name_plural = _("committee decisions")
        ordering = ["meeting__held_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.project}"


class PassportVersion(models.Model):
    """An approved state of a passport's plan, kept for the public «История паспорта»."""

    project = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="passport_versions",
    )
    number = models.PositiveIntegerField(_("version"))
    decision = models.OneToOneField(
        CommitteeDecision,
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        related_name="version",
    )
    approved_on = models.DateField(_("approved on"))
    # The plan as projects.passport_versions.snapshot() reads it from the page.
    plan = models.JSONField(_("plan"))

    class Meta:
        verbose_name = _("passport version")
        verbose_name_plural = _("passport versions")
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "number"], name="one_passport_version_number_per_project"
            )
        ]

    def __str__(self):
        return _("Version %(number)s of %(project)s") % {
            "number": self.number,
            "project": self.project,
        }
