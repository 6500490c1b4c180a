"""The shelter's pets in the public catalog as an open-data set.

The facts the pet's page shows, for pets in the catalog (published and not yet adopted or
returned); never the microchip number, private notes, intake circumstances, the curator, the
status history's notes or anything of an adoption application.
"""

import datetime

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from portal.opendata.declaration import Dataset, Field, FieldType, record_addresses
from shelter.models import Pet

OPENED_ON = datetime.date(2026, 12, 1)
T = FieldType


def pet_rows():
    address = record_addresses(Pet)
    for pet in Pet.objects.in_catalog().order_by("-published_at", "-pk"):
        yield {
            "id": pet.pk,
            "name": pet.name,
            "species": pet.get_species_display(),
            "breed": pet.breed,
            "sex": pet.get_sex_display(),
            "born_on": pet.born_on,
            "born_on_estimated": pet.born_on_estimated,
            "size": pet.get_size_display(),
            "colour": pet.get_colour_display(),
            "coat": pet.get_coat_display(),
            "sterilised": pet.sterilised,
            "vaccinated": pet.vaccinated,
            "vaccinated_on": pet.vaccinated_on,
            "microchipped": pet.microchipped,
            "good_with_children": pet.get_good_with_children_display(),
            "good_with_dogs": pet.get_good_with_dogs_display(),
            "good_with_cats": pet.get_good_with_cats_display(),
            "house_trained": pet.house_trained,
            "special_needs": pet.special_needs,
            "special_needs_description": pet.special_needs_description,
            "description": pet.description,
            "found_place": pet.found_place,
            "intake_on": pet.intake_on,
            "status": pet.get_status_display(),
            "published_at": pet.published_at,
            "url": address(pet),
        }


PETS = Dataset(
    code="shelter-pets",
    title=_("Pets of the municipal shelter looking for a home"),
    description=_(
        "Dogs, cats and other animals of the Sochi municipal shelter in its public catalog: "
        "found animals whose owners are sought and pets looking for a home, with their facts "
        "(age, size, health, how they get on with children and other animals)."
    ),
    keywords=_("shelter, animals, dogs, cats, adoption, Sochi"),
    fields=(
        Field("id", _("Number of the pet on the portal"), T.INTEGER),
        Field("name", _("Name")),
        Field("species", _("Species")),
        Field("breed", _("Breed")),
        Field("sex", _("Sex")),
        Field("born_on", _("Date of birth"), T.DATE),
        Field("born_on_estimated", _("The date of birth is estimated"), T.BOOLEAN),
        Field("size", _("Size")),
        Field("colour", _("Colour")),
        Field("coat", _("Coat")),
        Field("sterilised", _("Sterilised"), T.BOOLEAN),
        Field("vaccinated", _("Vaccinated"), T.BOOLEAN),
        Field("vaccinated_on", _("Date of the last vaccination"), T.DATE),
        Field("microchipped", _("Microchipped"), T.BOOLEAN),
        Field("good_with_children", _("Gets on with children")),
        Field("good_with_dogs", _("Gets on with dogs")),
        Field("good_with_cats", _("Gets on with cats")),
        Field("house_trained", _("House trained"), T.BOOLEAN),
        Field("special_needs", _("Has special needs"), T.BOOLEAN),
        Field("special_needs_description", _("About the special needs")),
        Field("description", _("Description")),
        Field("found_place", _("Where the animal was found")),
        Field("intake_on", _("Date of intake at the shelter"), T.DATE),
        Field("status", _("Status")),
        Field("published_at", _("Published on the portal"), T.DATETIME),
        Field("url", _("Page of the pet on the portal"), T.URL),
    ),
    rows=pet_rows,
    # Every pet's row, public or not: hiding a pet or finding it a home changes the set too.
    last_changed=lambda: Pet.objects.aggregate(at=Max("updated_at"))["at"],
    created=OPENED_ON,
    structure_version=OPENED_ON,
)

DATASETS = (PETS,)
