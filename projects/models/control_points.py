"""Control points of a project and the one rule that says where each of them stands."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

# A control point due within this many days is flagged as coming up.
DUE_SOON_DAYS = 30


class ControlPointStatus(models.TextChoices):
    DONE = "done", _("Done")
    OVERDUE = "overdue", _("Overdue")
    DUE_SOON = "due-soon", _("Due soon")
    PLANNED = "planned", _("Planned")


def control_point_status(planned_on, forecast_on=None, actual_on=None, today=None):
    """Where a control point stands on `today` (the local date by default).

    Reached when it has an actual date; otherwise the forecast, if any, replaces the plan:
    past it the point is overdue, within DUE_SOON_DAYS it is due soon.
    """
    if actual_on is not None:
        return ControlPointStatus.DONE
    today = today or timezone.localdate()
    due_on = forecast_on or planned_on
    if due_on < today:
        return ControlPointStatus.OVERDUE
    if due_on <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return ControlPointStatus.DUE_SOON
    return ControlPointStatus.PLANNED


class ControlPoint(Orderable):
    page = ParentalKey(
        "projects.ProjectPage", related_name="control_points", on_delete=models.CASCADE
    )
    title = models.CharField(_("control point"), max_length=255)
    planned_on = models.DateField(_("planned date"))
    forecast_on = models.DateField(
        _("forecast date"),
        null=True,
        blank=True,
        help_text=_("Fill in when the expected date differs from the plan."),
    )
    actual_on = models.DateField(
        _("actual date"), null=True, blank=True, help_text=_("The date the point was reached.")
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel(
            [
                FieldPanel("planned_on"),
                FieldPanel("forecast_on"),
                # Written by the project office's acceptance of a team's report (projects.progress).
                FieldPanel(
                    "actual_on",
                    read_only=True,
                    help_text=_("Set when the project office accepts the team's report."),
                ),
            ]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("control point")
        verbose_name_plural = _("control points")

    def __str__(self):
        return self.title

    @property
    def due_on(self):
        return self.forecast_on or self.planned_on

    def status_on(self, today):
        return control_point_status(self.planned_on, self.forecast_on, self.actual_on, today)

    @property
    def status(self):
        return self.status_on(timezone.localdate())

    @property
    def status_label(self):
        return ControlPointStatus(self.status).label

    @property
    def days_overdue(self):
        if self.status != ControlPointStatus.OVERDUE:
            return 0
        return (timezone.localdate() - self.due_on).days
