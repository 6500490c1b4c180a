"""The calendar page's views: list, month grid and the facility page."""

import datetime

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from calendar_pages.agenda import by_date_side, event_runs, month_days, next_month, previous_month
from calendar_pages.filters import GRID, LIST, PAST, FacilityFilter
from calendar_pages.geo import FacilityPlaceSerializer
from calendar_pages.models import Facility, FacilityPhoto, FacilityReplan
from calendar_pages.overview import district_overview
from calendar_pages.search import FACILITY_CATALOG
from calendar_pages.subscriptions import CALENDAR
from portal import subscription_views
from portal.geojson import feature_collection
from portal.search.catalog import PAGE_PARAM, query_catalog

# Without a month or a year, the list shows this many runs of city events, found among the events
# of these coming (or, for the past, these last) days: a run is read whole when it fits in them.
UPCOMING_EVENTS = 12
EVENT_DAYS = datetime.timedelta(days=62)


def filter_calendar(request):
    """The FilterSet bound to the request, over facilities in calendar order (the feeds)."""
    return FacilityFilter(request.GET, queryset=Facility.objects.for_calendar())


def calendar_view(request, index_page):
    """List or month grid of facilities and events; invalid filters answer 400 with the reason.

    The list answers through the facility catalog (portal.search.catalog), without facet counts:
    without a month or a year it starts with what opens next (nearest first) and goes on with
    the past (latest first); a chosen month or year is listed in date order. The month grid
    reads the month's facilities with the same FilterSet."""
    result = query_catalog(
        request,
        FACILITY_CATALOG,
        facets=False,
        lists=lambda filterset: filterset.chosen_view == LIST,
    )
    filterset = result.filterset
    context = index_page.get_context(request)
    context.update({"filterset": filterset, "calendar_url": index_page.url})
    district = filterset.form.cleaned_data.get("district", "") if result.is_valid else ""
    context.update(subscription_views.form_context(CALENDAR, district=district))
    if not result.is_valid:
        context.update({"view": LIST, "facilities_page": result.page})
        return TemplateResponse(
            request, "calendar_pages/calendar_index_page.html", context, status=400
        )

    events = filterset.events()
    view, month = filterset.chosen_view, filterset.chosen_month

    today = timezone.localdate()
    if view == GRID:
        month = month or today.replace(day=1)
        facilities = filterset.qs.filter(calendar_on__gte=month, calendar_on__lt=next_month(month))
        events = events.between(month, next_month(month))
        days = month_days(month, facilities, event_runs(events), today)
        context.update({"days": days, "month_is_empty": not any(day.busy for day in days)})
    else:
        if filterset.chosen_period is None:
            runs = coming_event_runs(events, today, past=filterset.chosen_dates == PAST)
        else:
            runs = event_runs(events)
        context.update(
            {
                "map_sources": [facilities_geojson_url(request)],
                "overview": district_overview(filterset.qs),
                "facilities_page": result.page,
                "facility_groups": by_date_side(result.page.object_list, today),
                "events": runs,
            }
        )
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


def facilities_geojson_url(request):
    """The GeoJSON of every facility the calendar's filters choose (all pages of the list)."""
    query = request.GET.copy()
    for name in (PAGE_PARAM, "view"):
        query.pop(name, None)
    encoded = query.urlencode()
    return reverse("api-geo-facilities") + (f"?{encoded}" if encoded else "")


def coming_event_runs(events, today, past=False):
    """The first runs of events from today on; for the past, the latest ones before now."""
    if past:
        events = events.past().between(today - EVENT_DAYS, today + datetime.timedelta(days=1))
        return event_runs(events)[::-1][:UPCOMING_EVENTS]
    events = events.upcoming().between(today, today + EVENT_DAYS)
    return event_runs(events)[:UPCOMING_EVENTS]


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
            "map_inline": feature_collection(
                [facility],
                lambda located: (
                    FacilityPlaceSerializer(
                        located, many=True, context={"request": request, "index_page": index_page}
                    ).data
                ),
            ),
        }
    )
    return TemplateResponse(request, "calendar_pages/facility_page.html", context)
