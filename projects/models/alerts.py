"""What the project alerts have already said, so that each is sent once (projects.alerts)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AlertKind(models.TextChoices):
    DUE_SOON = "due-soon", _("Due within a week")
    OVERDUE = "overdue", _("Overdue")


class ControlPointAlert(models.Model):
    """One alert about one control point in one state for one due date: a new due date (a
    committee change) or a new state is a new alert; the same state again is not."""

    control_point = models.ForeignKey(
        "projects.ControlPoint", on_delete=models.CASCADE, related_name="alerts"
    )
    kind = models.CharField(max_length=20, choices=AlertKind.choices)
    due_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("control point alert")
        verbose_name_plural = _("control point alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["control_point", "kind", "due_on"], name="one_alert_per_point_state"
            )
        ]

    def __str__(self):
        return f"{self.control_point}: {self.get_kind_display()}"


class OfficeDigest(models.Model):
    """The project office's weekly digest, one row per ISO week (Monday)."""

    week_of = models.DateField(unique=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("project office digest")
        verbose_name_plural = _("project office digests")

    def __str__(self):
        return str(self.week_of)
