"""A resident's comment under a page, its moderation, and readers' reports about it.

pending → approved or refused, by a moderator; a report sends an approved comment back to
pending. Every change of state is a named method here (`approve`, `refuse`, `report`); the
author is told of each decision by e-mail (discussion.notifications), in the same transaction.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

TEXT_MAX_LENGTH = 2000
DISPLAY_NAME_MAX_LENGTH = 60


class DiscussionError(Exception):
    """A refusal with the Russian message to show the resident and the HTTP status to answer."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


class CommentState(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Published")
    REFUSED = "refused", _("Refused")


class RefusalReason(models.TextChoices):
    """The reasons of the discussion rules (templates/discussion/rules.html lists them)."""

    OFFENSIVE = "offensive", _("Insults, obscene or offensive language")
    OFF_TOPIC = "off_topic", _("Not about the subject of the page")
    PERSONAL_DATA = "personal_data", _("Personal data of other people")
    ADVERTISING = "advertising", _("Advertising or spam")
    UNLAWFUL = "unlawful", _("Content that breaks the law")
    OTHER = "other", _("Another reason")


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(state=CommentState.APPROVED)

    def shown(self):
        """What readers see: approved comments whose comment above, if any, is approved too (a
        reported comment back in the queue takes its replies with it, and out of the counts)."""
        return self.approved().filter(
            Q(parent__isnull=True) | Q(parent__state=CommentState.APPROVED)
        )

    def visible_to(self, user):
        """Approved comments, and the user's own in any state (with «на модерации» or the
        reason of the refusal)."""
        if user.is_authenticated:
            return self.filter(Q(state=CommentState.APPROVED) | Q(author=user))
        return self.approved()


class Comment(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="discussion_comments",
    )
    # Empty once the author's account is deleted (discussion.personal_data anonymises).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="discussion_comments",
    )
    display_name = models.CharField(_("name shown"), max_length=DISPLAY_NAME_MAX_LENGTH)
    text = models.TextField(_("text"), max_length=TEXT_MAX_LENGTH)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=CommentState.choices,
        default=CommentState.PENDING,
        db_index=True,
    )
    official = models.BooleanField(
        _("answer of the administration"),
        default=False,
        help_text=_("Posted by staff from the moderation queue."),
    )
    refusal_reason = models.CharField(
        _("reason for refusal"), max_length=20, choices=RefusalReason.choices, blank=True
    )
    refusal_text = models.TextField(_("moderator's explanation"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("posted"), default=timezone.now, db_index=True)
    # The first approval: the date the public sees, and why the author is told only once.
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["page", "state", "parent"], name="discussion_thread")]

    def __str__(self):
        return f"{self.display_name}: {self.text[:60]}"

    @property
    def is_pending(self):
        return self.state == CommentState.PENDING

    @property
    def is_approved(self):
        return self.state == CommentState.APPROVED

    @property
    def is_refused(self):
        return self.state == CommentState.REFUSED

    def thread_root(self):
        """The top comment a reply to this one belongs under: replies nest one level only."""
        return self.parent if self.parent_id else self

    def refusal_explained(self):
        """The reason as the author reads it: the rule broken, then the moderator's words."""
        if self.refusal_reason == RefusalReason.OTHER:
            return self.refusal_text
        label = self.get_refusal_reason_display()
        return f"{label}. {self.refusal_text}" if self.refusal_text else label

    # State changes.

    @transaction.atomic
    def approve(self, *, by):
        from discussion.notifications import notify_approved

        now = timezone.now()
        first_time = self.published_at is None
        self.state = CommentState.APPROVED
        self.published_at = self.published_at or now
        self.refusal_reason, self.refusal_text = "", ""
        self._decided(by, now)
        if first_time:
            notify_approved(self)

    @transaction.atomic
    def refuse(self, *, by, reason, text=""):
        """Refuse with a reason of the rules; «another reason» needs the moderator's words."""
        from discussion.notifications import notify_refused

        text = (text or "").strip()
        if reason not in RefusalReason.values:
            raise ValidationError(gettext("Choose the reason for the refusal."))
        if reason == RefusalReason.OTHER and not text:
            raise ValidationError(gettext("Explain the refusal: the author will read it."))
        self.state = CommentState.REFUSED
        self.refusal_reason, self.refusal_text = reason, text
        self._decided(by, timezone.now())
        notify_refused(self)

    def _decided(self, by, now):
        self.moderated_by, self.moderated_at = by, now
        self.save()
        self.reports.filter(resolved_at__isnull=True).update(resolved_at=now)

    @transaction.atomic
    def report(self, *, by, reason=""):
        """A reader's report: the comment goes back to the queue until a moderator decides."""
        if not self.is_approved:
            raise DiscussionError(gettext("This comment is not published."), status=404)
        if self.author_id == by.pk:
            raise DiscussionError(gettext("You cannot report your own comment."), status=403)
        try:
            with transaction.atomic():
                report = self.reports.create(reporter=by, reason=reason.strip())
        except IntegrityError:
            raise DiscussionError(
                gettext("You have already reported this comment."), status=409
            ) from None
        self.state = CommentState.PENDING
        self.save(update_fields=["state"])
        return report


class CommentReport(models.Model):
    """A reader's report that a published comment breaks the rules."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="reports"
    )
    # Empty once the reporter's account is deleted; the report stays for the moderators.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="discussion_reports",
    )
    reason = models.TextField(_("what is wrong"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    resolved_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="discussion_one_report_per_reader"
            )
        ]

    def __str__(self):
        return f"{self.comment_id}: {self.reason[:60]}"
