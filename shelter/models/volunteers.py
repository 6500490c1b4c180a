"""The shelter's volunteers: a resident's application (what they can do, when, their age and, for a
minor, a guardian's consent) that staff accept or refuse, and the shifts accepted volunteers sign
up for. The rules of signing up and cancelling are in shelter.volunteering."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from phonenumber_field.modelfields import PhoneNumberField

# Volunteers from this age; below ADULT_AGE a guardian's consent is required (the shelter's
# insurance covers teenagers from 14 with a parent's or guardian's written consent).
MIN_AGE = 14
ADULT_AGE = 18
MAX_SHIFT = datetime.timedelta(hours=12)


class Skill(models.TextChoices):
    WALKING_DOGS = "walking_dogs", _("Walking dogs")
    SOCIALISING_CATS = "socialising_cats", _("Socialising cats")
    TRANSPORT = "transport", _("Transport (I have a car)")
    PHOTOGRAPHY = "photography", _("Photographing pets")
    EVENTS = "events", _("Help at events and exhibitions")
    REPAIRS = "repairs", _("Repairs at the shelter")
    OTHER = "other", _("Other")


class Availability(models.TextChoices):
    WEEKDAYS = "weekdays", _("Weekdays")
    WEEKENDS = "weekends", _("Weekends")
    EVENINGS = "evenings", _("Evenings")


class VolunteerState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted, waiting for review")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", pgettext_lazy("volunteer application", "Refused")
    WITHDRAWN = "withdrawn", pgettext_lazy("volunteer application", "Withdrawn")


# An application in one of these states is the person's one active application.
ACTIVE_STATES = [VolunteerState.SUBMITTED, VolunteerState.ACCEPTED]


def age_on(birth_date, day):
    """Full years on `day` of a person born on `birth_date`."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


class VolunteerApplication(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="volunteer_applications",
    )
    full_name = models.CharField(_("full name"), max_length=150)
    phone = PhoneNumberField(_("phone"), region="RU")
    birth_date = models.DateField(_("date of birth"))
    skills = models.JSONField(_("what I can do"), default=list, blank=True)
    skills_other = models.CharField(_("something else I can do"), max_length=500, blank=True)
    availability = models.JSONField(_("when I can help"), default=list, blank=True)
    availability_note = models.CharField(_("more about when"), max_length=500, blank=True)
    experience = models.TextField(_("experience with animals"), max_length=2000, blank=True)
    guardian_name = models.CharField(_("guardian's full name"), max_length=150, blank=True)
    guardian_phone = PhoneNumberField(_("guardian's phone"), region="RU", blank=True)
    guardian_consent = models.BooleanField(_("guardian's consent"), default=False)
    consent_version = models.CharField(_("consent version"), max_length=20)
    consented_at = models.DateTimeField(_("consented"))
    # Changed only by the named transitions below.
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=VolunteerState.choices,
        default=VolunteerState.SUBMITTED,
        editable=False,
        db_index=True,
    )
    refusal_reason = models.TextField(
        _("reason of the refusal"), max_length=2000, blank=True, editable=False
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("volunteer application")
        verbose_name_plural = _("volunteer applications")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(state__in=ACTIVE_STATES),
                name="shelter_one_active_volunteer_application_per_user",
            )
        ]

    def __str__(self):
        return self.full_name

    @property
    def is_accepted(self):
        return self.state == VolunteerState.ACCEPTED

    @property
    def is_minor(self):
        return age_on(self.birth_date, self.submitted_at.date()) < ADULT_AGE

    def skill_labels(self):
        return [Skill(code).label for code in self.skills if code in Skill.values]

    def availability_labels(self):
        codes = [code for code in self.availability if code in Availability.values]
        return [Availability(code).label for code in codes]

    def _change(self, allowed_from, to, **changes):
        """Move from one of `allowed_from` to `to` under a row lock, or raise ValidationError."""
        current = VolunteerApplication.objects.select_for_update().get(pk=self.pk)
        if current.state not in allowed_from:
            raise ValidationError(
                _("A volunteer application cannot go from “%(old)s” to “%(new)s”.")
                % {"old": current.get_state_display(), "new": VolunteerState(to).label}
            )
        changes["state"] = to
        VolunteerApplication.objects.filter(pk=self.pk).update(**changes)
        for name, value in changes.items():
            setattr(self, name, value)

    @transaction.atomic
    def accept(self, by):
        self._change(
            [VolunteerState.SUBMITTED],
            VolunteerState.ACCEPTED,
            decided_at=timezone.now(),
            decided_by=by,
        )
        from shelter.volunteer_mail import notify_accepted

        notify_accepted(self)

    @transaction.atomic
    def refuse(self, by, reason):
        if not reason.strip():
            raise ValidationError(_("Say why the application is refused: the volunteer reads it."))
        self._change(
            [VolunteerState.SUBMITTED],
            VolunteerState.REFUSED,
            decided_at=timezone.now(),
            decided_by=by,
            refusal_reason=reason.strip(),
        )
        from shelter.volunteer_mail import notify_refused

        notify_refused(self)

    @transaction.atomic
    def withdraw(self):
        """The volunteer stops (or takes back the application): upcoming sign-ups are cancelled."""
        self._change(ACTIVE_STATES, VolunteerState.WITHDRAWN)
        now = timezone.now()
        ShiftSignup.objects.active().filter(user=self.user, shift__starts_at__gt=now).update(
            cancelled_at=now
        )


class VolunteerShiftQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(starts_at__gt=now or timezone.now())

    def with_taken(self):
        return self.annotate(
            taken=models.Count("signups", filter=Q(signups__cancelled_at__isnull=True))
        )


class VolunteerShift(models.Model):
    title = models.CharField(_("task"), max_length=200)
    place = models.CharField(_("place"), max_length=255)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    places = models.PositiveSmallIntegerField(_("places"), default=4)
    note = models.TextField(_("note for volunteers"), max_length=2000, blank=True)
    event = models.ForeignKey(
        "calendar_pages.CityEvent",
        verbose_name=_("city event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("When the shift is help at an event of the city calendar."),
    )

    objects = VolunteerShiftQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer shift")
        verbose_name_plural = _("volunteer shifts")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="shelter_shift_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(places__gt=0), name="shelter_shift_has_places"),
        ]

    def __str__(self):
        start = timezone.localtime(self.starts_at)
        return f"{self.title}, {start:%d.%m.%Y %H:%M}"

    def places_taken(self):
        """Active sign-ups: the `taken` annotation (`with_taken()`), else counted."""
        taken = getattr(self, "taken", None)
        return self.signups.active().count() if taken is None else taken

    places_taken.short_description = _("places taken")

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A shift ends after it starts.")})
        if self.starts_at and self.ends_at and self.ends_at - self.starts_at > MAX_SHIFT:
            raise ValidationError({"ends_at": _("A shift lasts at most 12 hours.")})


class ShiftSignupQuerySet(models.QuerySet):
    def active(self):
        return self.filter(cancelled_at__isnull=True)


class ShiftSignup(models.Model):
    shift = models.ForeignKey(
        VolunteerShift, verbose_name=_("shift"), on_delete=models.CASCADE, related_name="signups"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="shift_signups",
    )
    created_at = models.DateTimeField(_("signed up"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    objects = ShiftSignupQuerySet.as_manager()

    class Meta:
        verbose_name = _("shift sign-up")
        verbose_name_plural = _("shift sign-ups")
        ordering = ["shift__starts_at", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "user"],
                condition=Q(cancelled_at__isnull=True),
                name="shelter_one_active_signup_per_shift_and_user",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.shift}"
