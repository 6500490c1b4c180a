"""Adoption applications: the steps staff move them through, each kept as an event the applicant
sees on a private status page, and the rules of who may apply when."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from portal.districts import District
from shelter.models.pets import Pet, PetStatus
from shelter.models.tokens import new_token

# Where an applicant lives: a district of Sochi or elsewhere.
APPLICANT_DISTRICTS = [*District.choices, ("other", _("Outside Sochi"))]


class Housing(models.TextChoices):
    FLAT = "flat", _("Flat")
    HOUSE = "house", _("House with a garden")
    RENTED = "rented", _("Rented home")
    OTHER = "other", _("Other")


class Step(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SCREENING = "screening", _("Screening")
    MEETING = "meeting", _("Meeting booked")
    APPROVED = "approved", _("Decision: approved")
    HANDOVER = "handover", _("Handed over")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", _("Closed")


# The timeline the applicant sees, in order (closing can happen at any open step).
TIMELINE = [Step.SUBMITTED, Step.SCREENING, Step.MEETING, Step.APPROVED, Step.HANDOVER]
# Which step may follow which: the one table every screen and test goes through.
TRANSITIONS = {
    Step.SUBMITTED: {Step.SCREENING, Step.CLOSED},
    Step.SCREENING: {Step.MEETING, Step.CLOSED},
    Step.MEETING: {Step.APPROVED, Step.SCREENING, Step.CLOSED},
    Step.APPROVED: {Step.HANDOVER, Step.CLOSED},
    Step.HANDOVER: {Step.FOLLOW_UP},
    Step.FOLLOW_UP: {Step.CLOSED},
    Step.CLOSED: set(),
}
# An application at one of these steps is "open": one per applicant and pet.
OPEN_STEPS = [Step.SUBMITTED, Step.SCREENING, Step.MEETING, Step.APPROVED]


class AdoptionApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(step__in=OPEN_STEPS)

    def closed(self):
        return self.filter(step=Step.CLOSED)


class AdoptionApplication(models.Model):
    pet = models.ForeignKey(
        Pet, verbose_name=_("pet"), on_delete=models.PROTECT, related_name="applications"
    )
    token = models.CharField(
        _("status page key"), max_length=64, unique=True, default=new_token, editable=False
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="adoption_applications",
    )
    name = models.CharField(_("your name"), max_length=150)
    phone = PhoneNumberField(_("phone"), region="RU")
    email = models.EmailField(_("e-mail"))
    district = models.CharField(_("district"), max_length=20, choices=APPLICANT_DISTRICTS)
    housing = models.CharField(_("housing"), max_length=10, choices=Housing.choices)
    other_animals = models.TextField(_("other animals at home"), max_length=2000, blank=True)
    experience = models.TextField(_("experience with animals"), max_length=2000, blank=True)
    message = models.TextField(_("message"), max_length=4000, blank=True)
    consent_version = models.CharField(_("consent version"), max_length=20)
    consented_at = models.DateTimeField(_("consented"))
    # Changed only by advance() and its named steps.
    step = models.CharField(
        _("step"),
        max_length=10,
        choices=Step.choices,
        default=Step.SUBMITTED,
        editable=False,
        db_index=True,
    )
    staff_notes = models.TextField(_("staff notes"), max_length=10000, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)
    handed_over_at = models.DateTimeField(_("handed over"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    objects = AdoptionApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("adoption application")
        verbose_name_plural = _("adoption applications")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["email", "pet"],
                condition=Q(step__in=OPEN_STEPS),
                name="shelter_one_open_application_per_email_and_pet",
            )
        ]

    def __str__(self):
        return f"{self.name} → {self.pet.name}"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @classmethod
    def has_open(cls, email, pet):
        return cls.objects.open().filter(email=email.strip().lower(), pet=pet).exists()

    def can_advance(self, to):
        return Step(to) in TRANSITIONS[Step(self.step)]

    def next_steps(self):
        return [step for step in Step if step in TRANSITIONS[Step(self.step)]]

    @transaction.atomic
    def advance(self, to, by=None, message="", notify=True):
        """Move to step `to`, recording an event with the message the applicant sees.

        Refused (ValidationError) outside TRANSITIONS. The handover marks the pet adopted (closing
        every other open application) and plans the follow-up reminders.
        """
        to = Step(to)
        current = AdoptionApplication.objects.select_for_update().get(pk=self.pk)
        if not current.can_advance(to):
            raise ValidationError(
                _("An application cannot go from “%(old)s” to “%(new)s”.")
                % {"old": current.get_step_display(), "new": to.label}
            )
        now = timezone.now()
        event = ApplicationEvent.objects.create(
            application=current,
            from_step=current.step,
            to_step=to,
            message=message,
            created_by=by if by is not None and by.is_authenticated else None,
        )
        changes = {"step": to}
        if to == Step.HANDOVER:
            changes["handed_over_at"] = now
        if to == Step.CLOSED:
            changes["closed_at"] = now
        AdoptionApplication.objects.filter(pk=self.pk).update(**changes)
        for name, value in changes.items():
            setattr(self, name, value)
        if to == Step.HANDOVER:
            if self.pet.status != PetStatus.ADOPTED:
                self.pet.change_status(PetStatus.ADOPTED, by=by, note=str(self))
            from shelter.tasks import schedule_follow_ups

            schedule_follow_ups(self)
        if notify:
            from shelter.notifications import notify_step

            notify_step(self, event)
        return event

    def start_screening(self, by=None, message=""):
        return self.advance(Step.SCREENING, by=by, message=message)

    def approve(self, by=None, message=""):
        return self.advance(Step.APPROVED, by=by, message=message)

    def hand_over(self, by=None, message=""):
        return self.advance(Step.HANDOVER, by=by, message=message)

    def close(self, by=None, message="", notify=True):
        return self.advance(Step.CLOSED, by=by, message=message, notify=notify)

    def timeline(self):
        """[(step, event or None, reached)] for the status page, in the order of TIMELINE."""
        events = {}
        for event in self.events.all():
            events.setdefault(event.to_step, event)
        return [
            (step, events.get(step), step in events or step == Step.SUBMITTED) for step in TIMELINE
        ]

    @transaction.atomic
    def anonymise(self):
        """Remove the applicant's personal data, keeping the step history for statistics."""
        AdoptionApplication.objects.filter(pk=self.pk).update(
            name="—",
            phone="",
            email=f"anonymised-{self.pk}@invalid",
            applicant=None,
            other_animals="",
            experience="",
            message="",
            staff_notes="",
            anonymised_at=timezone.now(),
        )


class ApplicationEvent(models.Model):
    """One step of an application, with the message its applicant sees. Never edited."""

    application = models.ForeignKey(
        AdoptionApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    from_step = models.CharField(
        _("previous step"), max_length=10, choices=Step.choices, blank=True
    )
    to_step = models.CharField(_("new step"), max_length=10, choices=Step.choices)
    message = models.TextField(_("message to the applicant"), max_length=4000, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.application}: {self.get_to_step_display()}"


@transaction.atomic
def submit_application(pet, *, by=None, consent, **fields):
    """Save a new application with its first event and the applicant's e-mail; the e-mail is sent
    after commit and retried by portal.mail, so a mail failure never loses the application."""
    if not pet.accepts_applications:
        raise ValidationError(_("This pet is not taking applications."))
    application = AdoptionApplication.objects.create(
        pet=pet,
        applicant=by if by is not None and by.is_authenticated else None,
        consent_version=consent.version,
        consented_at=timezone.now(),
        **fields,
    )
    ApplicationEvent.objects.create(application=application, to_step=Step.SUBMITTED)
    from shelter.notifications import notify_submitted

    notify_submitted(application)
    return application


def close_open_applications(pet, by=None):
    """The pet is no longer available: close every open application and tell its applicant."""
    message = _("Sorry: %(name)s is no longer looking for a home.") % {"name": pet.name}
    for application in AdoptionApplication.objects.open().filter(pet=pet).select_related("pet"):
        application.close(by=by, message=str(message))
