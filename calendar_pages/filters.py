"""The calendar's filters, as plain GET parameters shared by the page, the grid, the iCalendar
feed and the CSV export: ?district=&type=&status=&when=past&month=2026-11&year=2026&view=grid."""

import datetime

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from calendar_pages.agenda import next_month
from calendar_pages.models import (
    CityEvent,
    District,
    EventCategory,
    Facility,
    FacilityStatus,
    FacilityType,
)
from portal.filtering import MonthFilter, YearFilter, choice_error

LIST, GRID = "list", "grid"
UPCOMING, PAST = "upcoming", "past"


class CalendarFilterForm(forms.Form):
    view = forms.ChoiceField(
        label=_("View"),
        required=False,
        choices=[(LIST, _("List")), (GRID, _("Month grid"))],
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Unknown view: choose the list or the month grid.")},
    )


class MonthInput(forms.TextInput):
    input_type = "month"


def year_choices():
    """The years that have facilities, read when the select is drawn (not for the files)."""
    return [("", _("All years"))] + [(year, year) for year in Facility.objects.years()]


def when_filter(method):
    """?when=upcoming|past, for facilities and city events alike."""
    return django_filters.ChoiceFilter(
        method=method,
        choices=[(UPCOMING, _("Upcoming")), (PAST, _("Past"))],
        label=_("Dates"),
        empty_label=_("All dates"),
        error_messages=choice_error(_("Unknown dates: choose upcoming, past or all.")),
    )


class FacilityFilter(django_filters.FilterSet):
    district = django_filters.ChoiceFilter(
        choices=District.choices,
        label=_("District"),
        empty_label=_("All districts"),
        error_messages=choice_error(_("Unknown district: choose one from the list.")),
    )
    type = django_filters.ChoiceFilter(
        field_name="facility_type",
        choices=FacilityType.choices,
        label=_("Type"),
        empty_label=_("All types"),
        error_messages=choice_error(_("Unknown facility type: choose one from the list.")),
    )
    status = django_filters.ChoiceFilter(
        choices=FacilityStatus.choices,
        label=_("Status"),
        empty_label=_("All statuses"),
        error_messages=choice_error(_("Unknown status: choose one from the list.")),
    )
    when = when_filter("filter_when")
    month = MonthFilter(
        method="filter_month",
        label=_("Month"),
        widget=MonthInput(attrs={"placeholder": "2026-11"}),
    )
    year = YearFilter(
        method="filter_year", label=_("Year"), widget=forms.Select(choices=year_choices)
    )

    class Meta:
        model = Facility
        fields = ["district", "type", "status", "when", "month", "year"]
        form = CalendarFilterForm

    def filter_queryset(self, queryset):
        # `view` is a field of the form but not a filter: it chooses how the result is shown.
        for name, value in self.form.cleaned_data.items():
            if name in self.filters:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_when(self, queryset, name, value):
        return queryset.upcoming() if value == UPCOMING else queryset.past()

    def filter_month(self, queryset, name, value):
        return queryset.filter(calendar_on__year=value.year, calendar_on__month=value.month)

    def filter_year(self, queryset, name, value):
        return queryset.filter(calendar_on__year=value)

    @property
    def chosen_view(self):
        return self.form.cleaned_data.get("view") or LIST

    @property
    def chosen_month(self):
        """The chosen month as its first day, or None."""
        return self.form.cleaned_data.get("month")

    @property
    def chosen_period(self):
        """The chosen month (its first day) or year, or None: then the whole calendar."""
        return self.chosen_month or self.form.cleaned_data.get("year")

    @property
    def chosen_dates(self):
        """UPCOMING, PAST or None (all dates)."""
        return self.form.cleaned_data.get("when") or None

    @property
    def narrows_facilities(self):
        """District, type and status describe facilities only: events have none of them."""
        data = self.form.cleaned_data
        return any(data.get(name) for name in ("district", "type", "status"))

    def events(self, queryset=None):
        """City events matching the same filters: upcoming or past, in the month or year, none
        when the filters name a facility attribute."""
        queryset = CityEvent.objects.all() if queryset is None else queryset
        if self.narrows_facilities:
            return queryset.none()
        data = self.form.cleaned_data
        return dated_events(
            queryset, when=self.chosen_dates, month=self.chosen_month, year=data.get("year")
        )


def dated_events(queryset, *, when=None, month=None, year=None):
    """City events upcoming or past (`when`), in the month (its first day) or else the year."""
    if when == UPCOMING:
        queryset = queryset.upcoming()
    elif when == PAST:
        queryset = queryset.past()
    if month:
        return queryset.between(month, next_month(month))
    if year:
        return queryset.between(datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1))
    return queryset


class CityEventFilter(django_filters.FilterSet):
    """The calendar's city events by its dates (?when=&month=&year=, read as the calendar reads
    them for its events: a month wins over a year) and by category (?category=)."""

    category = django_filters.ChoiceFilter(
        choices=EventCategory.choices,
        label=_("Category"),
        empty_label=_("All categories"),
        error_messages=choice_error(_("Unknown event category: choose one from the list.")),
    )
    when = when_filter("keep")
    month = MonthFilter(method="keep", label=_("Month"))
    year = YearFilter(method="keep", label=_("Year"))

    class Meta:
        model = CityEvent
        fields = ["category", "when", "month", "year"]
        form = forms.Form

    def keep(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        if data.get("category"):
            queryset = queryset.filter(category=data["category"])
        return dated_events(
            queryset, when=data.get("when") or None, month=data.get("month"), year=data.get("year")
        )
