"""The catalog at /shelter/ with filters, facet counts and sorts, and the "found a home" stories."""

from django.db.models import Prefetch
from django.template.response import TemplateResponse

from calendar_pages.models import CityEvent, EventCategory
from portal.consent import current as current_consent
from portal.facets import facet_counts
from portal.pagination import paginate
from shelter.favourites import favourite_ids
from shelter.filters import FACETS, PetFilter
from shelter.forms import SubscriptionForm
from shelter.models import Pet, PetPhoto

SHELTER_EVENT_CATEGORIES = [EventCategory.SHELTER_EXHIBITION, EventCategory.CHARITY]
UPCOMING_EVENTS = 3


def with_cover_photos(queryset):
    """Pets with their photos and the photos' renditions, in a constant number of queries."""
    photos = PetPhoto.objects.select_related("image").prefetch_related("image__renditions")
    return queryset.prefetch_related(Prefetch("photos", queryset=photos.order_by("sort_order")))


def catalog_view(request, index_page):
    filterset = PetFilter(request.GET, queryset=Pet.objects.in_catalog())
    context = index_page.get_context(request)
    valid = filterset.is_valid()
    pets = with_cover_photos(filterset.qs) if valid else Pet.objects.none()
    context.update(
        {
            "filterset": filterset,
            "facets": facet_counts(filterset, FACETS),
            "pets_page": paginate(request, pets),
            "favourite_ids": favourite_ids(request),
            "events": upcoming_shelter_events(),
            "subscription_form": SubscriptionForm(
                initial={"query": filterset.query_string() if valid else ""}
            ),
            "subscription_consent": current_consent("subscription"),
            "shelter_url": index_page.url,
        }
    )
    status = 200 if valid else 400
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
