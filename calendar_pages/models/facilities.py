"""Facilities the city commissions, their public replanning history and the lateness flag."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable
from wagtail.search import index

from portal.districts import District  # noqa: F401 (re-exported: calendar_pages.models.District)
from portal.fields import latitude_field, longitude_field
from portal.search.backend import BODY_BOOST, TITLE_BOOST
from portal.section_pages import RecordPage
from portal.slugs import unique_slug

# "Due soon": a facility this close to its planned date with less than this much done is at risk.
DUE_SOON = datetime.timedelta(days=30)
DUE_SOON_MIN_PROGRESS = 80


class FacilityType(models.TextChoices):
    SCHOOL = "school", _("School")
    KINDERGARTEN = "kindergarten", _("Kindergarten")
    ROAD = "road", _("Road")
    PARK = "park", _("Park or public space")
    SPORTS = "sports", _("Sports facility")
    HEALTHCARE = "healthcare", _("Healthcare facility")
    CULTURE = "culture", _("Culture facility")
    UTILITIES = "utilities", _("Utilities")


class FacilityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_CONSTRUCTION = "under_construction", _("Under construction")
    COMMISSIONED = "commissioned", _("Commissioned")
    DELAYED = "delayed", _("Delayed")


class Lateness(models.TextChoices):
    """The public flag; templates always show its label next to the colour."""

    GREEN = "green", _("On schedule")
    AMBER = "amber", _("At risk")
    RED = "red", _("Behind schedule")


class PhotoKind(models.TextChoices):
    BEFORE = "before", _("Before")
    AFTER = "after", _("After")


def lateness_of(facility, today=None):
    """Green, amber or red for a facility on `today` (the local date by default).

    Red: commissioned after the original plan, or the current planned date has passed without
    commissioning. Amber: the forecast or the current plan is later than the original plan, or
    the planned date is at most 30 days away with less than 80 % done. Green otherwise.
    """
    today = today or timezone.localdate()
    if facility.commissioned_on is not None:
        late = facility.commissioned_on > facility.planned_on_original
        return Lateness.RED if late else Lateness.GREEN
    if today > facility.planned_on:
        return Lateness.RED
    expected = max(facility.planned_on, facility.forecast_on or facility.planned_on)
    if expected > facility.planned_on_original:
        return Lateness.AMBER
    if facility.planned_on - today <= DUE_SOON and facility.progress < DUE_SOON_MIN_PROGRESS:
        return Lateness.AMBER
    return Lateness.GREEN


class FacilityQuerySet(models.QuerySet):
    """upcoming(), past() and upcoming_first() read `calendar_on`: call them on for_calendar()."""

    def for_calendar(self):
        """Facilities with `calendar_on` (the actual date, else the current planned one), in
        calendar order."""
        return self.annotate(calendar_on=Coalesce("commissioned_on", "planned_on")).order_by(
            "calendar_on", "name", "pk"
        )

    def years(self):
        """The years that have facilities on the calendar, in one query."""
        years = (
            self.annotate(year=ExtractYear(Coalesce("commissioned_on", "planned_on")))
            .order_by()
            .values_list("year", flat=True)
            .distinct()
        )
        return sorted(years)

    def upcoming(self, today=None):
        """On the calendar today or later."""
        return self.filter(calendar_on__gte=today or timezone.localdate())

    def past(self, today=None):
        """On the calendar before today: opened, or overdue (their planned date has passed)."""
        return self.filter(calendar_on__lt=today or timezone.localdate())

    def upcoming_first(self, today=None):
        """What opens next first, nearest date first; then the past, latest first."""
        today = today or timezone.localdate()
        is_past = Case(
            When(calendar_on__lt=today, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        upcoming_on = Case(When(calendar_on__gte=today, then=F("calendar_on")))
        return self.order_by(is_past, upcoming_on, F("calendar_on").desc(), "name", "pk")


class Facility(RecordPage, index.Indexed, ClusterableModel):
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        blank=True,
        allow_unicode=False,
        help_text=_("The facility's web address; made from the name when left empty."),
    )
    facility_type = models.CharField(_("type"), max_length=20, choices=FacilityType.choices)
    district = models.CharField(_("district"), max_length=20, choices=District.choices)
    address = models.CharField(_("address"), max_length=255)
    latitude = latitude_field()
    longitude = longitude_field()
    planned_on_original = models.DateField(
        _("original planned date"),
        help_text=_("Cannot be changed after the facility is created: replan it instead."),
    )
    # Kept by replan() only: the latest replan's new date, or the original one.
    planned_on = models.DateField(_("current planned date"), editable=False, db_index=True)
    forecast_on = models.DateField(_("forecast date"), null=True, blank=True)
    commissioned_on = models.DateField(_("commissioning date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=FacilityStatus.choices, default=FacilityStatus.PLANNED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress, %"), default=0, validators=[MaxValueValidator(100)]
    )
    department = models.CharField(_("responsible department"), max_length=255, blank=True)
    contractor = models.CharField(_("contractor"), max_length=255, blank=True)
    budget = models.DecimalField(
        _("budget, thousand roubles"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    description = models.TextField(_("description"), blank=True)
    project_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("project passport"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    control_point = models.CharField(_("control point"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = FacilityQuerySet.as_manager()

    search_fields = [
        index.SearchField("name", boost=TITLE_BOOST),
        index.AutocompleteField("name"),
        index.SearchField("description", boost=BODY_BOOST),
        index.SearchField("address", boost=BODY_BOOST),
        index.SearchField("district_label", boost=BODY_BOOST),
        index.FilterField("district"),
        index.FilterField("facility_type"),
        index.FilterField("status"),
        index.FilterField("planned_on"),
    ]

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["planned_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="calendar_facility_progress_max_100"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.planned_on is None:
            self.planned_on = self.planned_on_original
        if not self.slug:
            self.slug = unique_slug(Facility, self.name, "facility")
        super().save(*args, **kwargs)

    def clean(self):
        commissioned = self.status == FacilityStatus.COMMISSIONED
        if commissioned and self.commissioned_on is None:
            raise ValidationError(
                {"commissioned_on": _("Give the date the facility was commissioned.")}
            )
        if self.commissioned_on is not None and not commissioned:
            raise ValidationError(
                {"status": _("A facility with a commissioning date has the status Commissioned.")}
            )
        if self.commissioned_on and self.commissioned_on > timezone.localdate():
            raise ValidationError({"commissioned_on": _("The date cannot be in the future.")})

    index_page_type = "calendar_pages.CalendarIndexPage"
    page_route = "facility"

    def page_route_kwargs(self):
        return {"slug": self.slug}

    @transaction.atomic
    def replan(self, new_date, reason, by, document=None, document_reference=""):
        """Move the planned date, keeping the change and its reason in the public history.

        The only way the planned date changes; returns the FacilityReplan recorded.
        """
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError(_("Give the reason for the new planned date."))
        current = Facility.objects.select_for_update().get(pk=self.pk)
        if current.commissioned_on is not None:
            raise ValidationError(_("A commissioned facility cannot be replanned."))
        if new_date == current.planned_on:
            raise ValidationError(_("The new planned date is the same as the current one."))
        replan = FacilityReplan.objects.create(
            facility=current,
            previous_planned_on=current.planned_on,
            new_planned_on=new_date,
            reason=reason,
            document=document,
            document_reference=document_reference,
            recorded_by=by if by is not None and by.is_authenticated else None,
        )
        Facility.objects.filter(pk=self.pk).update(planned_on=new_date, updated_at=timezone.now())
        self.planned_on = new_date
        return replan

    @property
    def lateness(self):
        return lateness_of(self)

    @property
    def calendar_date(self):
        """The date the calendar shows the facility on: actual, else the current plan."""
        return self.commissioned_on or self.planned_on

    def days_late(self, today=None):
        """Days past the original plan: to the actual date, or to today while not commissioned."""
        end = self.commissioned_on or today or timezone.localdate()
        return max((end - self.planned_on_original).days, 0)

    def district_label(self):
        return self.get_district_display()


class FacilityReplan(models.Model):
    """One change of a facility's planned date; never edited or deleted, shown to the public."""

    facility = models.ForeignKey(
        Facility, verbose_name=_("facility"), on_delete=models.CASCADE, related_name="replans"
    )
    previous_planned_on = models.DateField(_("previous planned date"))
    new_planned_on = models.DateField(_("new planned date"))
    reason = models.TextField(_("reason"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("approving document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document_reference = models.CharField(
        _("document reference"),
        max_length=255,
        blank=True,
        help_text=_("For example: protocol No. 12 of 3 March 2026."),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("replanning")
        verbose_name_plural = _("replanning history")
        ordering = ["recorded_at", "pk"]

    def __str__(self):
        return f"{self.facility}: {self.previous_planned_on} → {self.new_planned_on}"

    @property
    def shift_days(self):
        return (self.new_planned_on - self.previous_planned_on).days


class FacilityPhoto(Orderable):
    facility = ParentalKey(Facility, related_name="photos", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PhotoKind.choices)
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


def upcoming_facilities(limit=3, today=None):
    """What opens next: facilities not yet commissioned, nearest planned date first."""
    return (
        Facility.objects.for_calendar()
        .upcoming(today)
        .filter(commissioned_on__isnull=True)
        .order_by("planned_on", "name")[:limit]
    )
