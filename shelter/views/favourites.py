"""Favourites: a POST adds or removes a pet (a plain form, no JavaScript); a GET lists them."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from shelter import favourites
from shelter.models import Pet
from shelter.views.catalog import with_cover_photos


def favourites_view(request, index_page):
    if request.method == "POST":
        return change_favourites(request, index_page)
    ids = favourites.favourite_ids(request)
    pets = {pet.pk: pet for pet in with_cover_photos(Pet.objects.public().filter(pk__in=ids))}
    context = index_page.get_context(request)
    context.update(
        {
            "pets": [pets[pk] for pk in ids if pk in pets],
            "favourite_ids": ids,
            "shelter_url": index_page.url,
        }
    )
    return TemplateResponse(request, "shelter/favourites.html", context)


def change_favourites(request, index_page):
    try:
        pet_id = int(request.POST.get("pet", ""))
    except ValueError:
        pet_id = None
    pet = Pet.objects.public().filter(pk=pet_id).first() if pet_id else None
    if pet is None:
        context = index_page.get_context(request)
        context["error"] = _("There is no such pet in the catalog.")
        return TemplateResponse(request, "shelter/favourites_error.html", context, status=400)
    if request.POST.get("action") == "remove":
        favourites.remove(request, pet.pk)
        messages.success(
            request, _("%(name)s is no longer in your favourites.") % {"name": pet.name}
        )
    else:
        favourites.add(request, pet.pk)
        messages.success(request, _("%(name)s is in your favourites.") % {"name": pet.name})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = index_page.url + "favourites/"
    return HttpResponseRedirect(next_url)
