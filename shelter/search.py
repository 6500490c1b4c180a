"""The pet catalog on Elasticsearch: the document and how each catalog filter reads there.

Only pets the catalog shows are indexed (published, in a catalog status): an adopted, hidden or
returned pet leaves the index on its next update. The document holds what the catalog filters,
counts, sorts and searches on, nothing more: no private notes, microchip number, intake
circumstances, place found, curator or applications.
"""

import datetime

from elasticsearch_dsl import A, Date, DateNanos, Keyword, Q, Text

from portal.search.catalog import Catalog, Sort, term
from portal.search.es.analysis import russian
from portal.search.es.documents import CatalogDocument
from shelter.filters import FACETS, SORT_CHOICES, SORTS, PetFilter
from shelter.models import AgeGroup, Pet, PetStatusChange, born_between

YES_NO_FIELDS = ("sterilised", "vaccinated", "house_trained", "special_needs")


def yes_no(value):
    """Booleans as the filter's own GET values, so a facet bucket's key is the option's value."""
    return "yes" if value else "no"


class PetDocument(CatalogDocument):
    name = Text(analyzer=russian, fields={"raw": Keyword()})
    breed = Text(analyzer=russian)
    description = Text(analyzer=russian)
    species_label = Text(analyzer=russian)
    species = Keyword()
    sex = Keyword()
    size = Keyword()
    colour = Keyword()
    coat = Keyword()
    born_on = Date()
    sterilised = Keyword()
    vaccinated = Keyword()
    house_trained = Keyword()
    special_needs = Keyword()
    good_with_children = Keyword()
    good_with_dogs = Keyword()
    good_with_cats = Keyword()
    intake_on = Date()
    # Nanoseconds, so "newest" orders pets published within one millisecond as the database does.
    published_at = DateNanos()

    django_model = Pet
    # A status change moves the pet with an UPDATE and records a PetStatusChange: follow that.
    related_models = {PetStatusChange: lambda change: [change.pet_id]}

    class Index:
        name = "pets"

    @classmethod
    def public_queryset(cls):
        return Pet.objects.in_catalog()

    def prepare_species_label(self, pet):
        return pet.species_label()

    def prepare_sterilised(self, pet):
        return yes_no(pet.sterilised)

    def prepare_vaccinated(self, pet):
        return yes_no(pet.vaccinated)

    def prepare_house_trained(self, pet):
        return yes_no(pet.house_trained)

    def prepare_special_needs(self, pet):
        return yes_no(pet.special_needs)


def age_range(group):
    """Born within the group's dates as of today: the same bounds as the database filter."""
    earliest, latest = born_between(group)
    bounds = {"lte": latest.isoformat()}
    if earliest:
        bounds["gte"] = earliest.isoformat()
    return Q("range", born_on=bounds)


def age_buckets():
    """The age facet: a date range per age group, with the same bounds (as of today) as the
    filter, so the counts are right every day without re-indexing."""
    ranges = []
    for group in AgeGroup.values:
        earliest, latest = born_between(group)
        bounds = {"key": group, "to": (latest + datetime.timedelta(days=1)).isoformat()}
        if earliest:
            bounds["from"] = earliest.isoformat()
        ranges.append(bounds)
    return A("date_range", field="born_on", format="yyyy-MM-dd", ranges=ranges)


# filter name -> document field, for the filters that are one field's value.
FIELD_OF = {
    "species": "species",
    "sex": "sex",
    "size": "size",
    "colour": "colour",
    "coat": "coat",
    **{name: name for name in YES_NO_FIELDS},
    "children": "good_with_children",
    "dogs": "good_with_dogs",
    "cats": "good_with_cats",
}

PET_CATALOG = Catalog(
    name="pets",
    filterset_class=PetFilter,
    queryset=lambda: Pet.objects.in_catalog(),
    document=PetDocument,
    facets=tuple(FACETS),
    # The document's fields carry the model's names, so both engines read the same order.
    sorts={key: Sort(label, SORTS[key], SORTS[key]) for key, label in SORT_CHOICES},
    default_sort="newest",
    es_filters={**{name: term(field) for name, field in FIELD_OF.items()}, "age": age_range},
    es_facet_fields={**FIELD_OF, "age": age_buckets},
    # The fields the database search indexes for pets (Pet.search_fields), with their boosts.
    text_fields=("name^3", "breed^2", "description", "species_label"),
)
