"""Municipal fairs, their schedule, the fair days and who trades on each ("кто на ярмарке")."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.search.backends import get_search_backends

from calendar_pages.models import CityEvent, EventCategory
from portal.bitsets import MONTH_CHOICES, WeekdaySetField, bit, months_of
from portal.districts import District
from portal.fields import latitude_field, longitude_field
from portal.russian import month_name, on_weekdays
from portal.search.backend import BODY_BOOST, TITLE_BOOST
from portal.slugs import unique_slug
from producers.models.catalog import RESERVED_SLUGS, Producer

MONTH_NUMBER_CHOICES = [(int(number), name) for number, name in MONTH_CHOICES]


class FairFormat(models.TextChoices):
    FARM_YARD = "farm_yard", _("Farm yard")
    WEEKEND = "weekend", _("Weekend fair")
    SEASONAL = "seasonal", _("Seasonal fair")
    HOLIDAY = "holiday", _("Holiday fair")


class Fair(index.Indexed, ClusterableModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    fair_format = models.CharField(_("format"), max_length=20, choices=FairFormat.choices)
    district = models.CharField(_("district"), max_length=20, choices=District.choices)
    address = models.CharField(_("address"), max_length=255)
    latitude = latitude_field()
    longitude = longitude_field()
    organiser = models.CharField(_("organiser"), max_length=255)
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    trading_places = models.PositiveSmallIntegerField(
        _("trading places"), validators=[MinValueValidator(1)]
    )
    description = models.TextField(_("description"), max_length=10000, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    search_fields = [
        index.SearchField("name", boost=TITLE_BOOST),
        index.SearchField("address", boost=BODY_BOOST),
        index.SearchField("description", boost=BODY_BOOST),
        index.FilterField("district"),
    ]

    class Meta:
        verbose_name = _("fair")
        verbose_name_plural = _("fairs")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @transaction.atomic
    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Fair, self.name, "fair", reserved=RESERVED_SLUGS)
        super().save(*args, **kwargs)
        # The calendar shows copies of the coming days: they follow the name, place and text.
        self.sync_calendar_events()

    def get_absolute_url(self):
        from producers.models.pages import ProducerIndexPage

        return ProducerIndexPage.url_for("fair", self.slug)

    @transaction.atomic
    def generate_days(self, first, last):
        """Create the fair days its schedule gives between two dates (inclusive); returns them.

        Days that exist already are kept as they are (with their roster)."""
        existing = set(self.days.filter(date__range=(first, last)).values_list("date", flat=True))
        lines = list(self.schedule.all())
        new = []
        day = first
        while day <= last:
            line = next((line for line in lines if line.covers(day)), None)
            if line is not None and day not in existing:
                new.append(
                    FairDay(fair=self, date=day, opens_at=line.opens_at, closes_at=line.closes_at)
                )
            day += datetime.timedelta(days=1)
        FairDay.objects.bulk_create(new)
        self.sync_calendar_events()
        return new

    def sync_calendar_events(self):
        """Keep one calendar event (category "fair") per coming fair day, linking to this page.

        Written in bulk and indexed together: a save per event (with its own search and
        reference index updates) made the demo loader slow."""
        url = self.get_absolute_url() or ""
        today = timezone.localdate()
        days = list(self.days.filter(date__gte=today).select_related("city_event"))
        for day in days:
            event = day.city_event or CityEvent(category=EventCategory.FAIR)
            event.title = f"{self.get_fair_format_display()}: {self.name}"
            event.place = self.address
            event.starts_at, event.ends_at = day.starts_at, day.ends_at
            event.description = self.description
            event.link_url = url
            event.updated_at = timezone.now()
            day.city_event = event
        events = [day.city_event for day in days]
        fields = ["title", "place", "starts_at", "ends_at", "description", "link_url", "updated_at"]
        CityEvent.objects.bulk_update([e for e in events if e.pk], fields)
        CityEvent.objects.bulk_create([e for e in events if not e.pk])
        FairDay.objects.bulk_update(days, ["city_event"])
        indexed = list(CityEvent.get_indexed_objects().filter(pk__in=[e.pk for e in events]))
        for backend in get_search_backends():
            backend.add_bulk(CityEvent, indexed)


class FairSchedule(Orderable):
    """A line of the schedule: weekdays and hours, within a season of months (may wrap the year)."""

    fair = ParentalKey(Fair, related_name="schedule", on_delete=models.CASCADE)
    weekdays = WeekdaySetField(_("days of the week"))
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    season_from = models.PositiveSmallIntegerField(
        _("season from"), choices=MONTH_NUMBER_CHOICES, default=1
    )
    season_until = models.PositiveSmallIntegerField(
        _("season until"), choices=MONTH_NUMBER_CHOICES, default=12
    )

    class Meta(Orderable.Meta):
        verbose_name = _("schedule line")
        verbose_name_plural = _("schedule")

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The fair must close after it opens.")})

    def in_season(self, month):
        if self.season_from <= self.season_until:
            return self.season_from <= month <= self.season_until
        return month >= self.season_from or month <= self.season_until

    def covers(self, day):
        return bool(self.weekdays & bit(day.isoweekday())) and self.in_season(day.month)

    def days_phrase(self):
        """The weekdays as they stand in a sentence: «по средам и субботам»."""
        return on_weekdays(day for day in months_of(self.weekdays) if day <= 7)

    def season_names(self):
        """The first and last month of the season, in lower case: («ноябрь», «февраль»)."""
        return month_name(self.season_from), month_name(self.season_until)

    @property
    def all_year(self):
        return self.season_from == 1 and self.season_until == 12

    def phrase(self):
        """The line as the fair's page says it: «По средам и субботам, 08:00–14:00 (сезон:
        ноябрь – февраль)»."""
        days = self.days_phrase()
        text = f"{days[:1].upper()}{days[1:]}, {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"
        if self.all_year:
            return text
        first, last = self.season_names()
        season = gettext("season: %(first)s – %(last)s") % {"first": first, "last": last}
        return f"{text} ({season})"


class FairDay(ClusterableModel):
    fair = models.ForeignKey(
        Fair, verbose_name=_("fair"), on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField(_("date"), db_index=True)
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    city_event = models.OneToOneField(
        CityEvent,
        verbose_name=_("calendar event"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="fair_day",
    )

    @transaction.atomic
    def save(self, *args, **kwargs):
        """A day added or changed one by one (the admin) gets its calendar event at once."""
        super().save(*args, **kwargs)
        self.fair.sync_calendar_events()

    class Meta:
        verbose_name = _("fair day")
        verbose_name_plural = _("fair days")
        ordering = ["date", "fair__name"]
        constraints = [
            models.UniqueConstraint(fields=["fair", "date"], name="producers_fairday_unique_date")
        ]

    def __str__(self):
        return f"{self.fair} — {self.date:%d.%m.%Y}"

    def _at(self, time):
        return datetime.datetime.combine(self.date, time, tzinfo=timezone.get_current_timezone())

    @property
    def starts_at(self):
        return self._at(self.opens_at)

    @property
    def ends_at(self):
        return self._at(self.closes_at)

    def add_producer(self, producer):
        """Put a published producer on this day's roster, while trading places are left.

        Race-safe: the day's row is locked while places are counted (PostgreSQL), and of two
        simultaneous sign-ups by one producer the unique constraint lets one in; the other
        gets IntegrityError and the "already on the list" answer."""
        if not producer.is_live:
            raise ValidationError(_("Only a published producer can trade at a fair."))
        if self.date < timezone.localdate():
            raise ValidationError(_("This fair day has passed."))
        already = ValidationError(_("You are already on the list for this day."))
        try:
            with transaction.atomic():
                list(FairDay.objects.select_for_update().filter(pk=self.pk).order_by().values("pk"))
                if self.roster.filter(producer=producer).exists():
                    raise already
                if self.roster.count() >= self.fair.trading_places:
                    raise ValidationError(_("All trading places of this day are taken."))
                return RosterEntry.objects.create(fair_day=self, producer=producer)
        except IntegrityError:
            raise already from None


class RosterEntry(models.Model):
    fair_day = ParentalKey(
        FairDay, verbose_name=_("fair day"), on_delete=models.CASCADE, related_name="roster"
    )
    producer = models.ForeignKey(
        Producer, verbose_name=_("producer"), on_delete=models.CASCADE, related_name="fair_entries"
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("trading producer")
        verbose_name_plural = _("trading producers")
        ordering = ["fair_day__date", "producer__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["fair_day", "producer"], name="producers_roster_unique_producer"
            )
        ]

    def __str__(self):
        return f"{self.producer} @ {self.fair_day}"


@receiver(post_delete, sender=FairDay)
def delete_calendar_event(sender, instance, **kwargs):
    if instance.city_event_id:
        CityEvent.objects.filter(pk=instance.city_event_id).delete()
