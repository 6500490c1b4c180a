"""A fair's days as an iCalendar feed, with who trades on each day."""

import datetime

import icalendar
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.public_url import absolute
from producers.models import Fair, RosterEntry

UID_DOMAIN = "fairs.sochi-portal"
# The feed keeps a month of past days, so a subscribed calendar does not lose them at once.
PAST_DAYS = 30


def fair_ical_feed(request, index_page, slug):
    fair = Fair.objects.filter(slug=slug).first()
    if fair is None:
        raise Http404
    since = timezone.localdate() - datetime.timedelta(days=PAST_DAYS)
    days = fair.days.filter(date__gte=since).order_by("date")
    roster = {}
    for entry in (
        RosterEntry.objects.filter(fair_day__in=days, producer__is_live=True)
        .select_related("producer")
        .order_by("producer__name")
    ):
        roster.setdefault(entry.fair_day_id, []).append(entry.producer.name)
    page_url = absolute(f"{index_page.url}fairs/{fair.slug}/")
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Sochi city portal//fairs//RU")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", fair.name)
    cal.add("x-wr-timezone", timezone.get_current_timezone_name())
    for day in days:
        vevent = icalendar.Event()
        vevent.add("uid", f"fair-day-{day.pk}@{UID_DOMAIN}")
        vevent.add("dtstamp", fair.updated_at)
        vevent.add("dtstart", day.starts_at.astimezone(datetime.UTC))
        vevent.add("dtend", day.ends_at.astimezone(datetime.UTC))
        vevent.add("summary", f"{fair.get_fair_format_display()}: {fair.name}")
        vevent.add("location", fair.address)
        names = roster.get(day.pk, [])
        description = (
            [_("Producers trading: %(names)s") % {"names": ", ".join(names)}] if names else []
        )
        if fair.description:
            description.append(fair.description)
        if description:
            vevent.add("description", "\n".join(description))
        vevent.add("url", page_url)
        cal.add_component(vevent)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{fair.slug}.ics"'
    return response
