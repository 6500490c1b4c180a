"""The calendar page's views: list, month grid and the facility page."""

import calendar as calendar_module

from django.db.models import Prefetch
from django.db.models.functions import ExtractYear
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from calendar_pages.filters import GRID, LIST, FacilityFilter, next_month, previous_month
from calendar_pages.models import Facility, FacilityPhoto, FacilityReplan
from portal.pagination import paginate

# Without a month or a year, the list shows this many upcoming events (the grid shows a month).
UPCOMING_EVENTS = 12


def filter_calendar(request):
    """The FilterSet bound to the request, over facilities in calendar order."""
    return FacilityFilter(request.GET, queryset=Facility.objects.for_calendar())


def calendar_view(request, index_page):
    """List or month grid of facilities and events; invalid filters answer 400 with the reason."""
    filterset = filter_calendar(request)
    context = index_page.get_context(request)
    context.update(
        {"filterset": filterset, "calendar_url": index_page.url, "years": facility_years()}
    )
    if not filterset.is_valid():
        context.update(
            {"view": LIST, "facilities_page": paginate(request, Facility.objects.none())}
        )
        return TemplateResponse(
            request, "calendar_pages/calendar_index_page.html", context, status=400
        )

    facilities, events = filterset.qs, filterset.events()
    view = filterset.chosen_view
    month = filterset.chosen_month
    if view == GRID and month is None:
        month = timezone.localdate().replace(day=1)
        facilities = facilities.filter(calendar_on__year=month.year, calendar_on__month=month.month)
        events = events.between(month, next_month(month))
    if view == GRID:
        context["weeks"] = month_grid(month, facilities, events)
    else:
        context["facilities_page"] = paginate(request, facilities)
        if month is None and not filterset.form.cleaned_data.get("year"):
            events = events.upcoming()[:UPCOMING_EVENTS]
        context["events"] = events
    if month is not None:
        context.update(
            {
                "month": month,
                "previous_month": previous_month(month).strftime("%Y-%m"),
                "next_month": next_month(month).strftime("%Y-%m"),
            }
        )
    context["view"] = view
    return TemplateResponse(request, "calendar_pages/calendar_index_page.html", context)


def facility_years():
    """Years that have facilities on the calendar, for the year filter, in one query."""
    years = (
        Facility.objects.for_calendar()
        .annotate(year=ExtractYear("calendar_on"))
        .order_by()
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(years)


def month_grid(month, facilities, events):
    """Weeks (Monday first) of days, each day a dict with its date, whether it is in the month,
    and the facilities and events on it."""
    days = {}
    for facility in facilities:
        days.setdefault(facility.calendar_on, {"facilities": [], "events": []})
        days[facility.calendar_on]["facilities"].append(facility)
    for event in events:
        for day in event.local_dates():
            days.setdefault(day, {"facilities": [], "events": []})["events"].append(event)
    today = timezone.localdate()
    return [
        [
            {
                "date": day,
                "in_month": day.month == month.month,
                "is_today": day == today,
                **days.get(day, {"facilities": [], "events": []}),
            }
            for day in week
        ]
        for week in calendar_module.Calendar(firstweekday=0).monthdatescalendar(
            month.year, month.month
        )
    ]


def facility_view(request, index_page, slug):
    queryset = Facility.objects.select_related("project_page").prefetch_related(
        Prefetch("replans", queryset=FacilityReplan.objects.select_related("document")),
        Prefetch(
            "photos",
            queryset=FacilityPhoto.objects.select_related("image").order_by("kind", "sort_order"),
        ),
    )
    facility = get_object_or_404(queryset, slug=slug)
    photos = list(facility.photos.all())
    project_page = facility.project_page
    context = index_page.get_context(request)
    context.update(
        {
            "facility": facility,
            "replans": facility.replans.all(),
            "photos_before": [photo for photo in photos if photo.kind == "before"],
            "photos_after": [photo for photo in photos if photo.kind == "after"],
            "project_page": project_page if project_page and project_page.live else None,
            "days_late": facility.days_late(),
            "calendar_url": index_page.url,
        }
    )
    return TemplateResponse(request, "calendar_pages/facility_page.html", context)
