"""The calendar as files: an iCalendar feed and a CSV of facilities, with the page's filters.

The CSV is for Excel as people in Russia open it: UTF-8 with a byte-order mark (without it Excel
guesses a Cyrillic code page) and `;` between fields (the list separator of the Russian locale,
so Excel splits the columns on open; decimal commas in numbers stay intact).
"""

import datetime

import icalendar
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from calendar_pages.views.public import filter_calendar
from portal.csv import SafeWriter
from portal.public_url import absolute

CSV_DELIMITER = ";"
UID_DOMAIN = "calendar.sochi-portal"


def _bad_filters(filterset):
    messages = [str(error) for errors in filterset.errors.values() for error in errors]
    text = _("The filter could not be applied:") + "\n" + "\n".join(messages) + "\n"
    return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")


def ical_feed(request, index_page):
    """One all-day VEVENT per facility on its actual or current planned date, one per event."""
    filterset = filter_calendar(request)
    if not filterset.is_valid():
        return _bad_filters(filterset)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Sochi city portal//commissioning calendar//RU")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", index_page.title)
    cal.add("x-wr-timezone", timezone.get_current_timezone_name())
    for facility in filterset.qs:
        cal.add_component(facility_event(index_page, facility))
    for event in filterset.events():
        cal.add_component(city_event(event))
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    return response


def facility_event(index_page, facility):
    day = facility.calendar_on
    vevent = icalendar.Event()
    vevent.add("uid", f"facility-{facility.pk}@{UID_DOMAIN}")
    vevent.add("dtstamp", facility.updated_at)
    vevent.add("dtstart", day)
    vevent.add("dtend", day + datetime.timedelta(days=1))
    status = facility.get_status_display()
    vevent.add("summary", f"{facility.name} ({status})")
    vevent.add("location", facility.address)
    vevent.add("categories", [facility.get_facility_type_display()])
    description = [
        _("Original planned date: %(date)s") % {"date": _date(facility.planned_on_original)},
        _("Current planned date: %(date)s") % {"date": _date(facility.planned_on)},
        _("Progress: %(percent)s%%") % {"percent": facility.progress},
        str(facility.lateness.label),
    ]
    vevent.add("description", "\n".join(description))
    vevent.add("url", absolute(index_page.facility_url(facility.slug)))
    vevent.add("transp", "TRANSPARENT")
    return vevent


def city_event(event):
    vevent = icalendar.Event()
    vevent.add("uid", f"event-{event.pk}@{UID_DOMAIN}")
    vevent.add("dtstamp", event.updated_at)
    vevent.add("dtstart", event.starts_at.astimezone(datetime.UTC))
    if event.ends_at:
        vevent.add("dtend", event.ends_at.astimezone(datetime.UTC))
    vevent.add("summary", event.title)
    vevent.add("location", event.place)
    vevent.add("categories", [event.get_category_display()])
    if event.description:
        vevent.add("description", event.description)
    if event.link_url:
        vevent.add("url", event.link_url)
    return vevent


def _date(day):
    return day.strftime("%d.%m.%Y") if day else ""


def csv_columns():
    """(header, value of a facility) for each column, headers in the active language."""
    return [
        (_("Name"), lambda f: f.name),
        (_("Type"), lambda f: f.get_facility_type_display()),
        (_("District"), lambda f: f.get_district_display()),
        (_("Address"), lambda f: f.address),
        (_("Original planned date"), lambda f: _date(f.planned_on_original)),
        (_("Current planned date"), lambda f: _date(f.planned_on)),
        (_("Forecast date"), lambda f: _date(f.forecast_on)),
        (_("Commissioning date"), lambda f: _date(f.commissioned_on)),
        (_("Status"), lambda f: f.get_status_display()),
        (_("Progress, %"), lambda f: f.progress),
        (_("Schedule"), lambda f: f.lateness.label),
        (_("Days late"), lambda f: f.days_late()),
        (_("Responsible department"), lambda f: f.department),
        (_("Contractor"), lambda f: f.contractor),
        (
            _("Budget, thousand roubles"),
            lambda f: str(f.budget).replace(".", ",") if f.budget else "",
        ),
        (_("Web page"), None),
    ]


def csv_export(request, index_page):
    """The filtered facility list as CSV (all matching rows, not one page)."""
    filterset = filter_calendar(request)
    if not filterset.is_valid():
        return _bad_filters(filterset)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="facilities.csv"'
    response.write("\ufeff")
    writer = SafeWriter(response, delimiter=CSV_DELIMITER)
    columns = csv_columns()
    writer.writerow([header for header, _value in columns])
    base_url = absolute(index_page.url)
    for facility in filterset.qs.iterator(chunk_size=500):
        row = [value(facility) for _header, value in columns if value is not None]
        row.append(f"{base_url}facilities/{facility.slug}/")
        writer.writerow(row)
    return response
