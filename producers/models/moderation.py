"""Moderation of what producers publish: one state machine for producers and products.

draft → submitted → published, or → refused (with a reason the producer sees and gets by e-mail).
A record that was never published is edited in place. Once published, the record's own fields
are the public version: an edit is kept as a proposal (a ChangeRequest with the proposed values)
and reaches the record only when staff approve it, so the public version stays meanwhile.
Every submission is a ChangeRequest row, and its decision stays as the history.
"""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ModerationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for moderation")
    PUBLISHED = "published", _("Published")
    REFUSED = "refused", _("Refused")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Not yet submitted")
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATUSES = (RequestStatus.OPEN, RequestStatus.PENDING)


def to_json(values):
    """Form values as JSON-safe data: objects become their ids, dates and decimals strings."""

    def plain(value):
        if isinstance(value, models.Model):
            return value.pk
        if isinstance(value, models.QuerySet | list | tuple | set):
            return sorted(plain(item) for item in value)
        if hasattr(value, "as_e164"):  # a phone number
            return value.as_e164
        return value

    return json.loads(json.dumps({k: plain(v) for k, v in values.items()}, cls=DjangoJSONEncoder))


class Moderated(models.Model):
    """Status and the transitions; a subclass names the fields its owner edits in EDITABLE."""

    EDITABLE: tuple[str, ...] = ()

    status = models.CharField(
        _("moderation status"),
        max_length=20,
        choices=ModerationStatus.choices,
        default=ModerationStatus.DRAFT,
        db_index=True,
    )
    is_live = models.BooleanField(
        _("published version exists"),
        default=False,
        db_index=True,
        help_text=_("Only records with a published version are shown to the public."),
    )

    class Meta:
        abstract = True

    # What the owner sees and edits.

    def open_request(self):
        return self.change_requests.filter(status__in=OPEN_STATUSES).first()

    def current_values(self):
        """The values the owner last gave: the record, overlaid with an unapproved proposal."""
        values = to_json({name: self._value(name) for name in self.EDITABLE})
        request = self.open_request() if self.is_live else None
        if request is not None:
            values.update(request.data)
        return values

    def _value(self, name):
        field = self._meta.get_field(name)
        if field.many_to_many:
            return list(getattr(self, name).values_list("pk", flat=True)) if self.pk else []
        if field.is_relation:
            return getattr(self, field.attname)
        return getattr(self, name)

    def apply(self, data):
        """Write `data` (values of EDITABLE fields, plain or JSON) onto the record and save it."""
        many = {}
        for name, value in to_json(data).items():
            if name not in self.EDITABLE:
                continue
            field = self._meta.get_field(name)
            if field.many_to_many:
                many[name] = value
            elif field.is_relation:
                setattr(self, field.attname, value)
            else:
                setattr(self, name, field.to_python(value))
        self.save()
        for name, ids in many.items():
            getattr(self, name).set(ids)

    # Transitions. Each is the only way its status change happens.

    @transaction.atomic
    def edit(self, values, *, by):
        """The owner's edit: in place before first publication, else a proposal; back to draft."""
        data = to_json({k: v for k, v in values.items() if k in self.EDITABLE})
        request = self.open_request()
        if self.is_live:
            if request is None:
                request = self.change_requests.model(**{self.REQUEST_FIELD: self})
            request.data = {**(request.data or {}), **data}
            request.status = RequestStatus.OPEN
            request.submitted_at = None
            request.save()
        else:
            self.apply(data)
            if request is not None:
                request.status = RequestStatus.WITHDRAWN
                request.save(update_fields=["status"])
        self._set_status(ModerationStatus.DRAFT)

    @transaction.atomic
    def submit(self, *, by):
        """Send the draft (or a refused version, changed or not) to the moderators."""
        if self.status not in (ModerationStatus.DRAFT, ModerationStatus.REFUSED):
            raise ValidationError(
                _("There is nothing new to submit: it is already %(status)s.")
                % {"status": self.get_status_display().lower()}
            )
        request = self.open_request()
        if request is None:
            data = {} if self.is_live else self.current_values()
            request = self.change_requests.model(**{self.REQUEST_FIELD: self}, data=data)
        if self.is_live and not request.data:
            raise ValidationError(_("There are no changes to submit."))
        request.status = RequestStatus.PENDING
        request.submitted_at = timezone.now()
        request.submitted_by = by
        request.save()
        self._set_status(ModerationStatus.SUBMITTED)
        return request

    @transaction.atomic
    def approve(self, *, by):
        request = self._pending_request()
        self.apply(request.data)
        self.is_live = True
        self._set_status(ModerationStatus.PUBLISHED, "is_live")
        request.decide(RequestStatus.APPROVED, by=by)
        return request

    @transaction.atomic
    def refuse(self, *, by, reason):
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(_("Give the reason for the refusal: the producer will see it."))
        request = self._pending_request()
        request.decide(RequestStatus.REFUSED, by=by, reason=reason)
        self._set_status(ModerationStatus.REFUSED)
        from producers.notifications import notify_refused

        notify_refused(self, request)
        return request

    def _pending_request(self):
        request = self.change_requests.filter(status=RequestStatus.PENDING).first()
        if self.status != ModerationStatus.SUBMITTED or request is None:
            raise ValidationError(_("Only a submitted item can be approved or refused."))
        return request

    def _set_status(self, status, *more_fields):
        self.status = status
        type(self).objects.filter(pk=self.pk).update(
            status=status, **{name: getattr(self, name) for name in more_fields}
        )

    def last_refusal(self):
        """The latest decision if it was a refusal (its reason is shown to the owner)."""
        request = self.change_requests.exclude(status__in=[*OPEN_STATUSES, "withdrawn"]).first()
        return request if request and request.status == RequestStatus.REFUSED else None


class ChangeRequest(models.Model):
    """One submission of a producer or a product: the proposed values and the staff decision."""

    producer = models.ForeignKey(
        "producers.Producer",
        verbose_name=_("producer"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="change_requests",
    )
    product = models.ForeignKey(
        "producers.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="change_requests",
    )
    data = models.JSONField(_("proposed values"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, db_index=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason for refusal"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("moderation request")
        verbose_name_plural = _("moderation requests")
        ordering = ["-decided_at", "-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(producer__isnull=False, product__isnull=True)
                | Q(producer__isnull=True, product__isnull=False),
                name="producers_changerequest_one_target",
            )
        ]

    def __str__(self):
        return f"{self.target} ({self.get_status_display()})"

    @property
    def target(self):
        return self.producer if self.producer_id else self.product

    def decide(self, status, *, by, reason=""):
        self.status = status
        self.decided_by = by
        self.decided_at = timezone.now()
        self.reason = reason
        self.save(update_fields=["status", "decided_by", "decided_at", "reason"])

    def changes(self):
        """(field label, proposed value) for the moderator, in the model's field order."""
        target = self.target
        labels = {
            f.name: f.verbose_name for f in target._meta.get_fields() if hasattr(f, "verbose_name")
        }
        return [(labels.get(name, name), value) for name, value in self.data.items()]
