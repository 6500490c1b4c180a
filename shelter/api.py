"""Pets in the catalog through the API (/api/v1/pets/): the catalog's filters, sorts, text search
and facet counts (shelter.search.PET_CATALOG), and the public facts the pet's page shows. Never
the microchip number, private notes, intake circumstances, the curator or anything of an
adoption application."""

from django.db.models import prefetch_related_objects
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.api.catalogs import catalog_viewset
from portal.api.fields import ChoiceField, PageURLField, RenditionSerializer, rendition
from shelter.models import Pet
from shelter.search import PET_CATALOG
from shelter.views.public import cover_photos

PHOTO_SPEC = "max-1280x960"


class PetSerializer(serializers.ModelSerializer):
    url = PageURLField()
    species = ChoiceField()
    sex = ChoiceField()
    size = ChoiceField()
    colour = ChoiceField()
    coat = ChoiceField()
    good_with_children = ChoiceField()
    good_with_dogs = ChoiceField()
    good_with_cats = ChoiceField()
    status = ChoiceField()
    photos = serializers.SerializerMethodField()

    class Meta:
        model = Pet
        fields = [
            "id",
            "url",
            "name",
            "species",
            "breed",
            "sex",
            "born_on",
            "born_on_estimated",
            "size",
            "colour",
            "coat",
            "sterilised",
            "vaccinated",
            "vaccinated_on",
            "microchipped",
            "good_with_children",
            "good_with_dogs",
            "good_with_cats",
            "house_trained",
            "special_needs",
            "special_needs_description",
            "description",
            "found_place",
            "intake_on",
            "video_url",
            "status",
            "published_at",
            "last_verified_at",
            "photos",
        ]

    @extend_schema_field(RenditionSerializer(many=True))
    def get_photos(self, pet):
        return [rendition(photo.image, PHOTO_SPEC) for photo in pet.photos.all()]


def with_photos(pets):
    prefetch_related_objects(pets, cover_photos())
    return pets


PetViewSet = catalog_viewset(PET_CATALOG, PetSerializer, name="Pet", prepare=with_photos)
