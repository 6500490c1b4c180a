"""Public pages of the section: the directory, a producer, the fairs and a fair."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from portal.districts import District
from portal.filtering import filter_or_400
from portal.geojson import feature, point_at
from portal.pagination import paginate
from portal.search.catalog import query_catalog
from producers.filters import PRODUCERS, PRODUCTS, FairFilter, fair_week
from producers.models import Fair, FairDay, FairSchedule, Producer, RosterEntry, visible_products
from producers.search import PRODUCER_CATALOG, PRODUCT_CATALOG

# How many coming fair days a producer page lists, and a fair page shows per page.
PRODUCER_FAIR_DAYS = 10
FAIR_DAYS_PER_PAGE = 6


def map_point(kind, name, url, obj, address):
    if obj.latitude is None or obj.longitude is None:
        return None
    return {
        "kind": kind,
        "name": name,
        "url": url,
        "address": address,
        "lat": float(obj.latitude),
        "lon": float(obj.longitude),
    }


def _points(points):
    return [point for point in points if point is not None]


def points_geojson(points):
    """The few places a page lists, as the GeoJSON its map reads from the page."""
    return {
        "type": "FeatureCollection",
        "features": [
            feature(
                point_at(point["lon"], point["lat"]),
                {key: point[key] for key in ("kind", "name", "url", "address")},
            )
            for point in points
        ],
    }


def geojson_url(name, request=None, drop=("page", "view")):
    """The address of one of the section's GeoJSON lists, with the page's filters if given."""
    url = reverse(name)
    if request is None:
        return url
    query = request.GET.copy()
    for key in drop:
        query.pop(key, None)
    encoded = query.urlencode()
    return url + (f"?{encoded}" if encoded else "")


def directory_view(request, index_page):
    """Producers (or products with ?view=products), filtered, with counts for every option.

    The lists answer through portal.search.catalog: from the database, or from Elasticsearch when
    the site runs with a cluster (and from the database again, with a notice, when it fails)."""
    if request.GET.get("view") == PRODUCTS:
        catalog, list_kind = PRODUCT_CATALOG, PRODUCTS
    else:
        # The producers' FilterSet also refuses any other ?view= with a 400.
        catalog, list_kind = PRODUCER_CATALOG, PRODUCERS
    result = query_catalog(request, catalog)
    items_page = result.page
    items_page.object_list = list(items_page.object_list)
    base_url = index_page.url
    fairs = list(Fair.objects.order_by("name"))
    points = _points(
        [map_point("fair", f.name, f"{base_url}fairs/{f.slug}/", f, f.address) for f in fairs]
    )
    if list_kind == PRODUCERS:
        points += _points(
            [
                map_point("producer", p.name, f"{base_url}{p.slug}/", p, p.address)
                for p in items_page.object_list
            ]
        )
    map_sources = [geojson_url("api-geo-fairs")]
    if list_kind == PRODUCERS and result.is_valid:
        map_sources.append(geojson_url("api-geo-producers", request))
    context = index_page.get_context(request)
    context.update(
        {
            "map_sources": map_sources,
            "filterset": result.filterset,
            "filter_errors": result.errors,
            "facets": result.facets,
            "items_page": items_page,
            "search_fell_back": result.fell_back,
            "list_kind": list_kind,
            "base_url": base_url,
            "fairs": fairs,
            "map_points": points,
            "today": timezone.localdate(),
        }
    )
    return TemplateResponse(request, "producers/directory.html", context, status=result.status_code)


def producer_view(request, index_page, slug):
    producer = get_object_or_404(
        Producer.objects.public()
        .select_related("logo")
        .prefetch_related(
            "categories", Prefetch("photos", queryset=_photos_of("producers.ProducerPhoto"))
        ),
        slug=slug,
    )
    today = timezone.localdate()
    products = visible_products().filter(producer=producer)
    entries = (
        RosterEntry.objects.filter(producer=producer, fair_day__date__gte=today)
        .select_related("fair_day__fair")
        .order_by("fair_day__date", "fair_day__fair__name")[:PRODUCER_FAIR_DAYS]
    )
    entries = list(entries)
    base_url = index_page.url
    points = [map_point("producer", producer.name, "", producer, producer.address)]
    points += [
        map_point(
            "fair",
            e.fair_day.fair.name,
            f"{base_url}fairs/{e.fair_day.fair.slug}/",
            e.fair_day.fair,
            e.fair_day.fair.address,
        )
        for e in entries
    ]
    context = index_page.get_context(request)
    context.update(
        {
            "producer": producer,
            "products_page": paginate(request, products),
            "fair_entries": entries,
            "this_week": fair_week(today),
            "base_url": base_url,
            "map_points": _points(_unique(points)),
            "map_inline": points_geojson(_points(_unique(points))),
            "today": today,
        }
    )
    return TemplateResponse(request, "producers/producer_page.html", context)


def _unique(points):
    seen, result = set(), []
    for point in points:
        key = point and (point["name"], point["lat"], point["lon"])
        if key not in seen:
            seen.add(key)
            result.append(point)
    return result


def _photos_of(label):
    from django.apps import apps

    return apps.get_model(label).objects.select_related("image").order_by("sort_order")


def fair_list_view(request, index_page):
    fairs = Fair.objects.prefetch_related(
        Prefetch("schedule", queryset=FairSchedule.objects.order_by("sort_order"))
    )
    filterset = FairFilter(request.GET, queryset=fairs)
    fairs, status = filter_or_400(filterset)
    error = status == 400
    district = "" if error else filterset.form.cleaned_data.get("district") or ""
    today = timezone.localdate()
    fairs_page = paginate(request, fairs.order_by("name"))
    next_days = {}
    page_fairs = list(fairs_page.object_list)
    for day in FairDay.objects.filter(fair__in=page_fairs, date__gte=today).order_by("date"):
        next_days.setdefault(day.fair_id, day)
    for fair in page_fairs:
        fair.next_day = next_days.get(fair.pk)
    base_url = index_page.url
    context = index_page.get_context(request)
    context.update(
        {
            "fairs_page": fairs_page,
            "fairs": page_fairs,
            "districts": District.choices,
            "district": district,
            "district_error": error,
            "base_url": base_url,
            "map_sources": [] if error else [geojson_url("api-geo-fairs", request, drop=("page",))],
            "map_points": _points(
                [
                    map_point("fair", f.name, f"{base_url}fairs/{f.slug}/", f, f.address)
                    for f in page_fairs
                ]
            ),
        }
    )
    return TemplateResponse(request, "producers/fair_list.html", context, status=status)


def fair_view(request, index_page, slug):
    fair = get_object_or_404(
        Fair.objects.prefetch_related(
            Prefetch("schedule", queryset=FairSchedule.objects.order_by("sort_order"))
        ),
        slug=slug,
    )
    today = timezone.localdate()
    days = (
        fair.days.filter(date__gte=today)
        .prefetch_related(
            Prefetch(
                "roster",
                queryset=RosterEntry.objects.filter(producer__is_live=True)
                .select_related("producer")
                .prefetch_related("producer__categories")
                .order_by("producer__name"),
            )
        )
        .order_by("date")
    )
    base_url = index_page.url
    context = index_page.get_context(request)
    context.update(
        {
            "fair": fair,
            "days_page": paginate(request, days, per_page=FAIR_DAYS_PER_PAGE),
            "base_url": base_url,
            "map_points": _points([map_point("fair", fair.name, "", fair, fair.address)]),
            "map_inline": points_geojson(
                _points([map_point("fair", fair.name, "", fair, fair.address)])
            ),
            "today": today,
        }
    )
    return TemplateResponse(request, "producers/fair_page.html", context)


def join_view(request, index_page):
    """«Стать участником»: how a producer gets into the directory, and the way to start."""
    context = index_page.get_context(request)
    context["base_url"] = index_page.url
    return TemplateResponse(request, "producers/join.html", context)
