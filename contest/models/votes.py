"""Votes and the publication of a contest's results.

One vote per person per contest is a database constraint, not only a check before the insert:
two requests racing each other cannot both win. An annulled vote keeps its row (so the person
still cannot vote again) and is left out of the tally.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contest.models.audit import AuditAction, AuditEvent


class VoteQuerySet(models.QuerySet):
    def counted(self):
        return self.filter(annulled_at__isnull=True)


class Vote(models.Model):
    contest = models.ForeignKey(
        "contest.ContestPage",
        on_delete=models.PROTECT,
        related_name="votes",
        verbose_name=_("contest"),
    )
    entry = models.ForeignKey(
        "contest.EntryPage", on_delete=models.PROTECT, related_name="votes", verbose_name=_("entry")
    )
    # Emptied (with network and phone prefix) once the retention period after the results
    # ends (contest.retention): the ballot itself stays, anonymous.
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contest_votes",
        verbose_name=_("voter"),
    )
    receipt_code = models.CharField(_("receipt code"), max_length=14, unique=True)
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now, db_index=True)
    # For the anomaly report: the client's /24 network and the start of the voter's phone number.
    network = models.CharField(_("network"), max_length=50, blank=True)
    phone_prefix = models.CharField(_("phone prefix"), max_length=16, blank=True)
    # A keyed hash of the voter's verified phone (contest.voting.phone_key): it outlives the
    # account, so deleting the account and signing up again with the same phone does not give a
    # second vote. Emptied with the other voter data (contest.retention).
    phone_key = models.CharField(_("phone key"), max_length=64, blank=True, editable=False)
    annulled_at = models.DateTimeField(_("annulled at"), null=True, blank=True)
    annulled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("annulled by"),
    )
    annul_reason = models.TextField(_("reason for annulment"), max_length=2000, blank=True)

    objects = VoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["-cast_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "voter"], name="contest_one_vote_per_person"
            ),
            models.UniqueConstraint(
                fields=["contest", "phone_key"],
                condition=~Q(phone_key=""),
                name="contest_one_vote_per_phone",
            ),
            models.CheckConstraint(
                condition=Q(annulled_at__isnull=True) | ~Q(annul_reason=""),
                name="contest_annulment_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["contest", "entry"], name="contest_vote_entry_idx")]

    def __str__(self):
        return self.receipt_code

    @property
    def is_annulled(self):
        return self.annulled_at is not None

    def annul(self, *, by, reason, now=None):
        """Take the vote out of the tally; the row stays, so its voter cannot vote again."""
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(_("Give the reason for the annulment."))
        now = now or timezone.now()
        with transaction.atomic():
            vote = Vote.objects.select_for_update().get(pk=self.pk)
            if vote.is_annulled:
                raise ValidationError(_("This vote is already annulled."))
            if ContestResults.objects.filter(contest_id=vote.contest_id).exists():
                raise ValidationError(_("The results are published: votes can no longer change."))
            vote.annulled_at, vote.annulled_by, vote.annul_reason = now, by, reason
            vote.save(update_fields=["annulled_at", "annulled_by", "annul_reason"])
            AuditEvent.record(
                vote.contest, AuditAction.ANNUL, vote=vote, actor=by, at=now, reason=reason
            )
        self.annulled_at, self.annulled_by, self.annul_reason = now, by, reason
        return self


class ContestResults(models.Model):
    """The publication of a contest's results: when, by whom, and the checksum of the ballots."""

    contest = models.OneToOneField(
        "contest.ContestPage",
        on_delete=models.PROTECT,
        related_name="results",
        verbose_name=_("contest"),
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    counted_votes = models.PositiveIntegerField(_("counted votes"))
    ballots_sha256 = models.CharField(_("SHA-256 of the ballot list"), max_length=64)
    # The jury's scores (contest.combined.scores_csv_bytes); empty for a contest without a jury.
    scores_sha256 = models.CharField(_("SHA-256 of the jury scores"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("published results")
        verbose_name_plural = _("published results")

    def __str__(self):
        return str(self.contest)
