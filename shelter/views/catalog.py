"""The catalog at /shelter/ with filters, facet counts and sorts, and the "found a home" stories.

The catalog answers through portal.search.catalog: from the database, or from Elasticsearch when
the site runs with a cluster (and from the database again, with a notice, when the cluster fails).
"""

from django.db.models import Prefetch, prefetch_related_objects
from django.template.response import TemplateResponse

from calendar_pages.models import CityEvent, EventCategory
from portal.consent import current as current_consent
from portal.pagination import paginate
from portal.search.catalog import CatalogQuery, get_catalog_search
from shelter.favourites import favourite_ids
from shelter.filters import PetFilter
from shelter.forms import SubscriptionForm
from shelter.models import Pet, PetPhoto
from shelter.search import PET_CATALOG

SHELTER_EVENT_CATEGORIES = [EventCategory.SHELTER_EXHIBITION, EventCategory.CHARITY]
UPCOMING_EVENTS = 3


def cover_photos():
    """The photos of a pet with their renditions, in a constant number of queries."""
    photos = PetPhoto.objects.select_related("image").prefetch_related("image__renditions")
    return Prefetch("photos", queryset=photos.order_by("sort_order"))


def with_cover_photos(queryset):
    return queryset.prefetch_related(cover_photos())


def catalog_view(request, index_page):
    # The whole form (text and sort too) is checked first: it re-renders with what was typed,
    # and a bad value is a 400 before any search runs.
    filterset = PetFilter(request.GET, queryset=Pet.objects.in_catalog())
    valid = filterset.is_valid()
    errors = [str(error) for messages in filterset.errors.values() for error in messages]
    if valid:
        result = get_catalog_search().search(PET_CATALOG, CatalogQuery.from_request(request))
        errors = result.errors
        pets_page, facets, fell_back = result.page, result.facets, result.fell_back
        pets_page.object_list = list(pets_page.object_list)
        prefetch_related_objects(pets_page.object_list, cover_photos())
    else:
        pets_page, facets, fell_back = paginate(request, Pet.objects.none()), {}, False
    context = index_page.get_context(request)
    context.update(
        {
            "filterset": filterset,
            "filter_errors": errors,
            "facets": facets,
            "pets_page": pets_page,
            "search_fell_back": fell_back,
            "favourite_ids": favourite_ids(request),
            "events": upcoming_shelter_events(),
            "subscription_form": SubscriptionForm(
                initial={"query": filterset.query_string() if valid else ""}
            ),
            "subscription_consent": current_consent("subscription"),
            "shelter_url": index_page.url,
        }
    )
    status = 400 if errors else 200
    return TemplateResponse(request, "shelter/shelter_index_page.html", context, status=status)


def upcoming_shelter_events():
    return list(
        CityEvent.objects.upcoming().filter(category__in=SHELTER_EVENT_CATEGORIES)[:UPCOMING_EVENTS]
    )


def found_home_view(request, index_page):
    pets = with_cover_photos(Pet.objects.found_home().order_by("-status_changed_at", "-pk"))
    context = index_page.get_context(request)
    context.update({"pets_page": paginate(request, pets), "shelter_url": index_page.url})
    return TemplateResponse(request, "shelter/found_home.html", context)
