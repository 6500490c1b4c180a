"""The jury: the contest's criteria (weights and scales), jurors' scores and their declarations
of a conflict of interest.

A juror's score is one row per (entry, juror, criterion): the unique constraint makes a second
save of the same form an update, never a second score. A juror who declares a conflict of interest
about an entry has no scores for it (contest.jury.declare_conflict removes them; record_scores
refuses). The rules (who may score when, the averages, the secrecy) are in contest.jury.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

SCORE_PERMISSION = "contest.score_entries"
SCALE_LIMIT = 100


class ResultRule(models.TextChoices):
    VOTE = "vote", _("Public vote only")
    JURY = "jury", _("Jury only")
    WEIGHTED = "weighted", _("Jury and public vote, weighted")


class JuryStage:
    """The jury's part of ContestPage's rules (its fields are declared on the page)."""

    def _jury_errors(self):
        errors = {}
        jury_closes = self.jury_closes_at
        if self.result_rule != ResultRule.VOTE and jury_closes is None:
            errors["jury_closes_at"] = _("Set when jury scoring closes for this rule.")
        if jury_closes and self.voting_opens_at and jury_closes <= self.voting_opens_at:
            errors["jury_closes_at"] = _("Jury scoring must close after voting opens.")
        elif jury_closes and self.results_on and jury_closes.date() > self.results_on:
            errors["jury_closes_at"] = _("Jury scoring must close before the results are due.")
        if self.pk and self.results_published:
            # The published ranking was counted by these: they stay as they were.
            names = ["jury_closes_at", "result_rule", "jury_weight_percent"]
            saved = type(self).objects.filter(pk=self.pk).values(*names).first() or {}
            for name, value in saved.items():
                if getattr(self, name) != value:
                    errors[name] = _("The results are published: this can no longer change.")
        return errors

    def has_jury(self):
        """Whether the contest has a jury stage: its closing time is set."""
        return self.jury_closes_at is not None

    def is_jury_open(self, now=None):
        """Jurors score while [voting opens, jury closes): the entries are fixed by then
        (acceptance ends when voting opens)."""
        now = now or timezone.now()
        return self.has_jury() and self.voting_opens_at <= now < self.jury_closes_at

    def is_jury_closed(self, now=None):
        now = now or timezone.now()
        return self.has_jury() and now >= self.jury_closes_at


class Criterion(Orderable):
    contest = ParentalKey(
        "contest.ContestPage", on_delete=models.CASCADE, related_name="jury_criteria"
    )
    name = models.CharField(_("criterion"), max_length=200)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0.01)],
        help_text=_("Relative weight of the criterion in the jury score."),
    )
    scale_max = models.PositiveSmallIntegerField(
        _("highest score"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(SCALE_LIMIT)],
        help_text=_("Jurors score from 0 to this number."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("weight"), FieldPanel("scale_max")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("jury criterion")
        verbose_name_plural = _("jury criteria")
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="contest_weight_positive")
        ]

    def __str__(self):
        return self.name


class JuryScore(models.Model):
    contest = models.ForeignKey(
        "contest.ContestPage",
        on_delete=models.PROTECT,
        related_name="jury_scores",
        verbose_name=_("contest"),
    )
    entry = models.ForeignKey(
        "contest.EntryPage",
        on_delete=models.PROTECT,
        related_name="jury_scores",
        verbose_name=_("entry"),
    )
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="jury_scores",
        verbose_name=_("juror"),
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    score = models.PositiveSmallIntegerField(_("score"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("jury score")
        verbose_name_plural = _("jury scores")
        permissions = [("score_entries", "Can score contest entries as a juror")]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "juror", "criterion"], name="contest_one_score_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.entry_id}/{self.criterion_id}: {self.score}"


class ConflictDeclaration(models.Model):
    contest = models.ForeignKey(
        "contest.ContestPage",
        on_delete=models.PROTECT,
        related_name="jury_conflicts",
        verbose_name=_("contest"),
    )
    entry = models.ForeignKey(
        "contest.EntryPage",
        on_delete=models.PROTECT,
        related_name="jury_conflicts",
        verbose_name=_("entry"),
    )
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="jury_conflicts",
        verbose_name=_("juror"),
    )
    reason = models.TextField(_("reason"), max_length=2000)
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(fields=["entry", "juror"], name="contest_one_conflict")
        ]

    def __str__(self):
        return f"{self.entry_id}: {self.juror_id}"


class ContestPageForm(WagtailAdminPageForm):
    """The contest editor: a jury or weighted result needs at least one criterion (the inline
    criteria are a formset, not yet on the page when the model's clean() runs), and a criterion
    jurors have scored on keeps its scale and cannot be deleted (the scores refer to it)."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("jury_criteria")
        if formset is None:
            return cleaned
        formset.is_valid()  # cleans its forms (ClusterForm checks the formsets after this)
        kept = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", {})
            scored = form.instance.pk and JuryScore.objects.filter(criterion=form.instance)
            if data.get("DELETE"):
                if scored and scored.exists():  # errors of a deleted form are not looked at
                    self.add_error(
                        None,
                        _("Jurors have scored on «%(criterion)s»: keep it.")
                        % {"criterion": form.instance.name},
                    )
                continue
            if form.has_changed() or form.instance.pk:
                kept.append(form)
            if scored and "scale_max" in form.changed_data and scored.exists():
                form.add_error(
                    "scale_max", _("Jurors have scored on this criterion: its scale stays.")
                )
        rule = cleaned.get("result_rule")
        if rule in (ResultRule.JURY, ResultRule.WEIGHTED) and not kept:
            self.add_error(
                "result_rule", ValidationError(_("Add the jury's criteria for this rule."))
            )
        return cleaned
