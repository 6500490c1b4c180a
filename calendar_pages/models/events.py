"""City events (fairs, shelter exhibitions, contest stages) shown in the same calendar."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from calendar_pages.agenda import EventRun
from portal.fields import HttpsURLField
from portal.search.backend import BODY_BOOST, TITLE_BOOST


class EventCategory(models.TextChoices):
    FAIR = "fair", _("Fair")
    SHELTER_EXHIBITION = "shelter_exhibition", _("Shelter pet exhibition")
    CHARITY = "charity", _("Charity event")
    CONTEST_STAGE = "contest_stage", _("Contest stage")
    OTHER = "other", _("Other")


class CityEventQuerySet(models.QuerySet):
    def between(self, start, end):
        """Events that overlap the local dates [start, end): one without an end lasts a moment."""
        tz = timezone.get_current_timezone()
        start_at = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
        end_at = datetime.datetime.combine(end, datetime.time.min, tzinfo=tz)
        ends = Q(ends_at__gte=start_at) | Q(ends_at__isnull=True, starts_at__gte=start_at)
        return self.filter(ends, starts_at__lt=end_at)

    def upcoming(self, now=None):
        now = now or timezone.now()
        return self.filter(Q(ends_at__gte=now) | Q(ends_at__isnull=True, starts_at__gte=now))

    def past(self, now=None):
        """Over before `now`: the complement of upcoming()."""
        now = now or timezone.now()
        return self.filter(Q(ends_at__lt=now) | Q(ends_at__isnull=True, starts_at__lt=now))


class CityEvent(index.Indexed, models.Model):
    title = models.CharField(_("title"), max_length=255)
    category = models.CharField(_("category"), max_length=30, choices=EventCategory.choices)
    place = models.CharField(_("place"), max_length=255)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    link_url = HttpsURLField(_("link"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CityEventQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=TITLE_BOOST),
        index.AutocompleteField("title"),
        index.SearchField("description", boost=BODY_BOOST),
        index.SearchField("place", boost=BODY_BOOST),
        index.FilterField("category"),
        index.FilterField("starts_at"),
    ]

    class Meta:
        verbose_name = _("city event")
        verbose_name_plural = _("city events")
        ordering = ["starts_at", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The event cannot end before it starts.")})

    @property
    def display_title(self):
        """The title without a leading «kind: » that the rest repeats: fairs are listed as
        «format: name», and «Фермерский дворик: Фермерский дворик в Дагомысе» says it twice."""
        kind, colon, rest = self.title.partition(": ")
        if colon and rest.casefold().startswith(kind.casefold()):
            return rest
        return self.title

    @property
    def date_span(self):
        """Its dates and hours as the calendar prints them («12–14 декабря»)."""
        return EventRun(self).date_span

    def local_dates(self):
        """Each local date the event is on, first to last."""
        first = timezone.localtime(self.starts_at).date()
        last = timezone.localtime(self.ends_at).date() if self.ends_at else first
        return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
