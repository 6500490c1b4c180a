"""The contest's append-only audit log: every vote, annulment, acceptance and publication.

Rows are only ever added. The model refuses to save an existing row or delete one, its queryset
refuses bulk update and delete, and on PostgreSQL a trigger (migration 0002) refuses UPDATE and
DELETE at the database level too, so not even a raw SQL slip rewrites history.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    VOTE = "vote", _("Vote cast")
    ANNUL = "annul", _("Vote annulled")
    ACCEPT = "accept", _("Entry accepted")
    PUBLISH = "publish", _("Results published")


class AppendOnlyError(Exception):
    """Someone tried to change or remove an audit record."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The audit log is append-only.")

    def delete(self):
        raise AppendOnlyError("The audit log is append-only.")


class AuditEvent(models.Model):
    contest = models.ForeignKey(
        "contest.ContestPage",
        on_delete=models.PROTECT,
        related_name="audit_events",
        verbose_name=_("contest"),
    )
    action = models.CharField(_("action"), max_length=10, choices=AuditAction.choices)
    vote = models.ForeignKey(
        "contest.Vote",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("vote"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit record")
        verbose_name_plural = _("audit log")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The audit log is append-only.")

    @classmethod
    def record(cls, contest, action, *, vote=None, actor=None, at=None, **details):
        return cls.objects.create(
            contest=contest,
            action=action,
            vote=vote,
            actor=actor,
            at=at or timezone.now(),
            details=details,
        )
