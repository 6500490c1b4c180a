"""What a project team reports and the project office decides: control points reached and
indicators' actual values per year.

A report is kept whatever becomes of it: pending until the project office accepts it or returns
it with a reason; only an accepted report changes the public passport (projects.progress).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.fields import HttpsURLField
from portal.storage import private_storage


class ReportState(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    # "Accepted" alone is an application's state elsewhere, in the feminine.
    ACCEPTED = "accepted", pgettext_lazy("project report", "Accepted")
    RETURNED = "returned", _("Returned for changes")
    # An accepted indicator value replaced by a later accepted value for the same year.
    SUPERSEDED = "superseded", _("Superseded")


class Report(models.Model):
    """Who reported what and when, the evidence, and the project office's decision."""

    project = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ReportState.choices,
        default=ReportState.PENDING,
        db_index=True,
    )
    comment = models.TextField(_("comment"), blank=True)
    # Not public: the team and the project office download it through the review desk.
    evidence_file = models.FileField(
        _("evidence file"),
        upload_to="projects/evidence/%Y/",
        storage=private_storage,
        blank=True,
        help_text=_("A document (PDF) or a photo (JPEG, PNG)."),
    )
    evidence_link = HttpsURLField(_("evidence link"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)

    class Meta:
        abstract = True
        ordering = ["-reported_at", "-pk"]

    @property
    def has_evidence(self):
        return bool(self.evidence_file or self.evidence_link)


class ControlPointReport(Report):
    control_point = models.ForeignKey(
        "projects.ControlPoint",
        verbose_name=_("control point"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    completed_on = models.DateField(_("completion date"))

    class Meta(Report.Meta):
        verbose_name = _("control point report")
        verbose_name_plural = _("control point reports")
        permissions = [
            ("report_progress", _("Can report on the progress of own projects")),
            ("review_reports", _("Can accept or return project reports")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["control_point"],
                condition=Q(state="pending"),
                name="one_pending_report_per_control_point",
            ),
            models.UniqueConstraint(
                fields=["control_point"],
                condition=Q(state="accepted"),
                name="one_accepted_report_per_control_point",
            ),
        ]

    def __str__(self):
        return str(self.control_point)


class IndicatorFact(Report):
    """An indicator's actual value for one year, as the team reports it."""

    indicator = models.ForeignKey(
        "projects.Indicator",
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="facts",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("actual value"), max_digits=14, decimal_places=2)

    class Meta(Report.Meta):
        verbose_name = _("indicator value report")
        verbose_name_plural = _("indicator value reports")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(state="pending"),
                name="one_pending_fact_per_indicator_year",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(state="accepted"),
                name="one_accepted_fact_per_indicator_year",
            ),
        ]

    def __str__(self):
        return f"{self.indicator}, {self.year}"
