"""The pet page: gallery, facts in plain Russian, similar pets and the adoption form."""

from django.contrib import messages
from django.db import IntegrityError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from portal import ratelimit
from portal.consent import current as current_consent
from shelter.favourites import favourite_ids
from shelter.forms import AdoptionApplicationForm
from shelter.models import Pet, submit_application
from shelter.views.catalog import with_cover_photos

SIMILAR_PETS = 4


def pet_view(request, index_page, pet_id):
    pet = get_object_or_404(
        with_cover_photos(Pet.objects.public().select_related("curator")), pk=pet_id
    )
    status = 200
    form = None
    if pet.accepts_applications:
        if request.method == "POST":
            form = AdoptionApplicationForm(request.POST, pet=pet)
            response, status = apply(request, index_page, pet, form)
            if response is not None:
                return response
        else:
            form = AdoptionApplicationForm(pet=pet)
    elif request.method == "POST":
        raise Http404
    context = index_page.get_context(request)
    context.update(
        {
            "pet": pet,
            "photos": list(pet.photos.all()),
            "similar": similar_pets(pet),
            "form": form,
            "consent": current_consent("adoption"),
            "favourite_ids": favourite_ids(request),
            "shelter_url": index_page.url,
        }
    )
    return TemplateResponse(request, "shelter/pet_page.html", context, status=status)


def apply(request, index_page, pet, form):
    """(redirect, 200) when the application is saved, else (None, 4xx) to re-render the form."""
    if form.is_bot:
        # Answer a bot as if it worked, and save nothing.
        return HttpResponseRedirect(index_page.pet_url(pet.pk) + "?applied=1"), 302
    if not ratelimit.allow("adoption_application", ratelimit.client_ip(request)):
        form.add_error(None, _("Too many applications from your address: try again in an hour."))
        return None, 429
    if not form.is_valid():
        return None, 400
    try:
        application = submit_application(
            pet,
            by=request.user,
            consent=current_consent("adoption"),
            **form.application_fields(),
        )
    except IntegrityError:  # the same application sent twice at the same moment
        form.add_error("email", _("You already have an open application for this pet."))
        return None, 400
    messages.success(
        request,
        _("Thank you! Your application is saved; we have sent a link to follow it to %(email)s.")
        % {"email": application.email},
    )
    return HttpResponseRedirect(index_page.url + f"applications/{application.token}/"), 302


def similar_pets(pet):
    """The newest other pets of the same species in the catalog."""
    queryset = with_cover_photos(
        Pet.objects.in_catalog().filter(species=pet.species).exclude(pk=pet.pk)
    )
    return list(queryset.order_by("-published_at", "-pk")[:SIMILAR_PETS])
