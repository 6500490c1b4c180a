"""What the calendar shows on which date: city events as entries shown once with their span
(«12–14 декабря»), and the days of a month for the month grid and its agenda list."""

import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.utils import dateformat, timezone
from django.utils.html import format_html, format_html_join

ONE_DAY = datetime.timedelta(days=1)


def next_month(day):
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def previous_month(day):
    return (day.replace(day=1) - ONE_DAY).replace(day=1)


def format_span(first, last, hours="", today=None):
    """Dates from `first` to `last` the Russian way: «5 декабря», «12–14 декабря», «28 ноября –
    3 декабря», with the year when it is not this year; then `hours` after a comma. Each end is
    a <time> element."""
    this_year = (today or timezone.localdate()).year
    full = "j E" if first.year == last.year == this_year else "j E Y"
    if first == last:
        parts, separator = [(first, full)], ""
    elif (first.year, first.month) == (last.year, last.month):
        parts, separator = [(first, "j"), (last, full)], "–"
    elif first.year == last.year:
        parts, separator = [(first, "j E"), (last, full)], " – "
    else:
        parts, separator = [(first, "j E Y"), (last, "j E Y")], " – "
    dates = format_html_join(
        separator,
        '<time datetime="{}">{}</time>',
        ((day.isoformat(), dateformat.format(day, fmt)) for day, fmt in parts),
    )
    return format_html("{}, {}", dates, hours) if hours else dates


class EventRun:
    """One entry of the calendar: a city event, or the same event on consecutive days (a fair
    open every day is a calendar event per day), shown once with its first and last day.

    Templates read it like a CityEvent (the event card takes either)."""

    def __init__(self, event):
        self.events = [event]
        days = event.local_dates()
        self.first_day, self.last_day = days[0], days[-1]

    def add(self, event):
        self.events.append(event)
        self.last_day = max(self.last_day, event.local_dates()[-1])

    @property
    def event(self):
        return self.events[0]

    @property
    def is_multi_day(self):
        return self.last_day > self.first_day

    @property
    def display_title(self):
        return self.event.display_title

    @property
    def link_url(self):
        return self.event.link_url

    @property
    def place(self):
        return self.event.place

    @property
    def description(self):
        return self.event.description

    def get_category_display(self):
        return self.event.get_category_display()

    @property
    def hours(self):
        """«11:00–21:00» when every day of the run has the same hours; empty when an event
        itself lasts several days."""
        hours = {day_hours(event) for event in self.events}
        if len(hours) != 1 or None in hours:
            return ""
        opens, closes = hours.pop()
        return f"{opens}–{closes}" if closes else opens

    @property
    def date_span(self):
        return format_span(self.first_day, self.last_day, self.hours)


def day_hours(event):
    """(opens, closes) of an event within one day («11:00», «21:00»; closes empty without an
    end), None for an event over several days."""
    starts = timezone.localtime(event.starts_at)
    if event.ends_at is None:
        return starts.strftime("%H:%M"), ""
    ends = timezone.localtime(event.ends_at)
    if ends.date() != starts.date():
        return None
    return starts.strftime("%H:%M"), ends.strftime("%H:%M")


def event_runs(events):
    """City events as runs, in order of their first day: the same event (category, title, place
    and link) on consecutive days is one run."""
    runs, open_runs = [], {}
    for event in sorted(events, key=lambda event: (event.starts_at, event.pk)):
        key = (event.category, event.title, event.place, event.link_url)
        run = open_runs.get(key)
        if run is not None and event.local_dates()[0] <= run.last_day + ONE_DAY:
            run.add(event)
        else:
            open_runs[key] = run = EventRun(event)
            runs.append(run)
    return runs


@dataclass
class Day:
    """A day of the month grid with the facilities on it and the runs that start on it."""

    date: datetime.date
    is_today: bool
    facilities: list = field(default_factory=list)
    events: list = field(default_factory=list)

    @property
    def busy(self):
        return bool(self.facilities or self.events)


def month_days(month, facilities, runs, today=None):
    """Each Day of the month, in order; a run that began before the month is on its first day."""
    today = today or timezone.localdate()
    days = {}
    for number in range((next_month(month) - month).days):
        date = month + datetime.timedelta(days=number)
        days[date] = Day(date, date == today)
    for facility in facilities:
        if facility.calendar_on in days:
            days[facility.calendar_on].facilities.append(facility)
    for run in runs:
        start = max(run.first_day, month)
        if start in days:
            days[start].events.append(run)
    return list(days.values())


def by_date_side(facilities, today=None):
    """Facilities split, keeping their order, into groups of upcoming and past ones:
    [(is_past, [facility, …]), …]."""
    today = today or timezone.localdate()
    return [
        (is_past, list(group))
        for is_past, group in groupby(facilities, key=lambda facility: facility.calendar_on < today)
    ]
