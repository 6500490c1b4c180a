from django import template

from shelter import facts

register = template.Library()


@register.simple_tag
def pet_facts(pet):
    return facts.pet_facts(pet)


@register.filter
def pet_summary(pet):
    return facts.card_summary(pet)


@register.filter
def age_text(pet):
    return facts.age_text(pet)


@register.filter
def cover_photo(pet):
    """The first photo, from the prefetched photos (no query)."""
    photos = list(pet.photos.all())
    return photos[0] if photos else None
