"""A ТОС (territorial public self-government body) as its chair registers it, and staff's check.

A resident registers the ТОС they chair; staff of «Конкурс ТОС» confirm it once (or refuse it with
a reason). One ТОС has one chair, and a resident chairs at most one ТОС (a unique constraint): a
new chair takes over only through staff (`transfer_to`). The chair's account may be deleted: the
ТОС stays (its applications and entry pages are the ТОС's, not the person's) without a chair
until staff name the next one.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.districts import District


class TosStatus(models.TextChoices):
    PENDING = "pending", _("awaiting confirmation")
    CONFIRMED = "confirmed", _("confirmed")
    REFUSED = "refused", _("not confirmed")


class Tos(models.Model):
    name = models.CharField(_("ТОС name"), max_length=200)
    district = models.CharField(_("district"), max_length=20, choices=District.choices)
    territory = models.TextField(
        _("territory"), max_length=4000, help_text=_("Streets and houses the ТОС covers.")
    )
    decision_date = models.DateField(_("date of the council's decision"))
    decision_number = models.CharField(_("number of the council's decision"), max_length=50)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_tos",
        verbose_name=_("chair"),
    )
    chair_full_name = models.CharField(_("chair's full name"), max_length=200)
    contacts = models.CharField(
        _("contacts"), max_length=500, help_text=_("Phone and e-mail for the contest's staff.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TosStatus.choices, default=TosStatus.PENDING
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    refusal_reason = models.TextField(_("reason for refusal"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("ТОС")
        verbose_name_plural = _("ТОС")
        constraints = [
            models.UniqueConstraint(fields=["chair"], name="contest_tos_one_per_chair"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_confirmed(self):
        return self.status == TosStatus.CONFIRMED

    def confirm(self, *, by, now=None):
        """Staff confirm the ТОС once; the chair is told by e-mail."""
        if self.status != TosStatus.PENDING:
            raise ValidationError(_("Only a ТОС awaiting confirmation can be confirmed."))
        self._decide(TosStatus.CONFIRMED, by, now)
        self._mail_chair("contest/mail/tos_confirmed")

    def refuse(self, *, by, reason, now=None):
        if self.status != TosStatus.PENDING:
            raise ValidationError(_("Only a ТОС awaiting confirmation can be refused."))
        if not reason.strip():
            raise ValidationError(_("Give the reason for the refusal."))
        self.refusal_reason = reason.strip()
        self._decide(TosStatus.REFUSED, by, now)
        self._mail_chair("contest/mail/tos_refused")

    def transfer_to(self, user, *, full_name, by):
        """Staff hand the ТОС to its new chair (the council elected another one)."""
        if user.pk == self.chair_id:
            raise ValidationError(_("This resident already chairs the ТОС."))
        if Tos.objects.filter(chair=user).exclude(pk=self.pk).exists():
            raise ValidationError(_("This resident already chairs another ТОС."))
        self.chair = user
        self.chair_full_name = full_name
        self.save(update_fields=["chair", "chair_full_name"])
        self._mail_chair("contest/mail/tos_transferred")

    def _decide(self, status, by, now):
        self.status = status
        self.decided_at = now or timezone.now()
        self.decided_by = by
        self.save(update_fields=["status", "decided_at", "decided_by", "refusal_reason"])

    def _mail_chair(self, template):
        from contest.application_mail import mail_chair

        mail_chair(self, template)
