"""Sign-ups for the shelter's exhibitions and charity events, and «Нужды приюта».

The events themselves are city events of the calendar (the project office's records); the
shelter's staff add sign-up settings to those in the shelter's categories. Who gets a place and
who waits is decided in shelter.event_signups, under a lock on the settings row; the states here
change only through its functions.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from calendar_pages.models import CityEvent, EventCategory
from shelter.models.tokens import new_token

# City events the shelter takes sign-ups for.
SHELTER_EVENT_CATEGORIES = [EventCategory.SHELTER_EXHIBITION, EventCategory.CHARITY]


class EventSignupSettings(models.Model):
    event = models.OneToOneField(
        CityEvent,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="signup_settings",
        limit_choices_to={"category__in": SHELTER_EVENT_CATEGORIES},
    )
    visitor_places = models.PositiveIntegerField(
        _("places for visitors"), default=30, validators=[MaxValueValidator(10_000)]
    )
    volunteer_places = models.PositiveIntegerField(
        _("places for volunteers"),
        default=0,
        validators=[MaxValueValidator(1_000)],
        help_text=_("0: volunteers do not sign up for this event."),
    )
    signups_open = models.BooleanField(_("sign-ups open"), default=True)
    closes_at = models.DateTimeField(
        _("sign-ups close"),
        null=True,
        blank=True,
        help_text=_("Empty: sign-ups close when the event starts."),
    )

    class Meta:
        verbose_name = _("event sign-up settings")
        verbose_name_plural = _("event sign-up settings")
        ordering = ["event__starts_at"]

    def __str__(self):
        return str(self.event)

    def places(self, kind):
        return self.visitor_places if kind == SignupKind.VISITOR else self.volunteer_places

    def closing_moment(self):
        """When sign-ups stop by the clock: the closing time, at the latest the event's start."""
        if self.closes_at is None:
            return self.event.starts_at
        return min(self.closes_at, self.event.starts_at)

    def is_open(self, now=None):
        return self.signups_open and (now or timezone.now()) < self.closing_moment()


class SignupKind(models.TextChoices):
    VISITOR = "visitor", _("Visitor")
    VOLUNTEER = "volunteer", _("Volunteer")


class SignupState(models.TextChoices):
    CONFIRMED = "confirmed", _("Place confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATES = [SignupState.CONFIRMED, SignupState.WAITING]


class EventSignup(models.Model):
    event = models.ForeignKey(
        CityEvent, verbose_name=_("event"), on_delete=models.CASCADE, related_name="signups"
    )
    role = models.CharField(_("as"), max_length=10, choices=SignupKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="event_signups",
    )
    name = models.CharField(_("your name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"))
    consent_version = models.CharField(_("consent version"), max_length=20)
    consented_at = models.DateTimeField(_("consented"))
    # Changed only by shelter.event_signups.
    state = models.CharField(
        _("state"), max_length=10, choices=SignupState.choices, editable=False, db_index=True
    )
    token = models.CharField(
        _("cancellation key"), max_length=64, unique=True, default=new_token, editable=False
    )
    created_at = models.DateTimeField(_("signed up"), default=timezone.now, editable=False)
    promoted_at = models.DateTimeField(_("moved up"), null=True, blank=True, editable=False)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True, editable=False)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("event sign-up")
        verbose_name_plural = _("event sign-ups")
        ordering = ["event__starts_at", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(state__in=ACTIVE_STATES),
                name="shelter_one_active_signup_per_user_and_event",
            )
        ]

    def __str__(self):
        return f"{self.name} → {self.event}"

    @property
    def is_active(self):
        return self.state in ACTIVE_STATES


class NeedCategory(models.TextChoices):
    FOOD = "food", _("Food")
    MEDICINE = "medicine", _("Medicine")
    SUPPLIES = "supplies", _("Supplies")
    OTHER = "other", _("Other")


class ShelterNeedQuerySet(models.QuerySet):
    def unmet(self):
        return self.filter(quantity_received__lt=models.F("quantity_needed"))


class ShelterNeed(models.Model):
    """Something the shelter needs now; residents bring it to the drop-off address."""

    title = models.CharField(_("what"), max_length=200)
    category = models.CharField(_("category"), max_length=10, choices=NeedCategory.choices)
    unit = models.CharField(_("unit"), max_length=30, help_text=_("For example: kg, packs, pcs."))
    quantity_needed = models.PositiveIntegerField(_("needed"), validators=[MinValueValidator(1)])
    quantity_received = models.PositiveIntegerField(_("received"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ShelterNeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("shelter need")
        verbose_name_plural = _("shelter needs")
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title

    @property
    def is_met(self):
        return self.quantity_received >= self.quantity_needed

    @property
    def quantity_missing(self):
        return max(self.quantity_needed - self.quantity_received, 0)
