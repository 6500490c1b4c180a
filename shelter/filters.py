"""The catalog's filters, as plain GET parameters shared by the page, the facet counts and the
"new arrivals" subscriptions: ?species=cat&age=baby&children=yes&q=рыжий&sort=oldest."""

import django_filters
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from portal.filtering import choice_error
from portal.search.backend import text_search
from portal.search.text import SearchTextFilter
from shelter.models import AgeGroup, Coat, Colour, Compatibility, Pet, Sex, Size, Species
from shelter.models.pets import born_between

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
SORTS = {
    "newest": ("-published_at", "-pk"),
    "waiting": ("intake_on", "pk"),
    "youngest": ("-born_on", "pk"),
    "oldest": ("born_on", "pk"),
}
SORT_CHOICES = [
    ("newest", _("Newest first")),
    ("waiting", _("Waiting longest")),
    ("youngest", _("Youngest first")),
    ("oldest", _("Oldest first")),
]
# The filters shown with counts in the sidebar, in this order.
FACETS = [
    "species",
    "sex",
    "age",
    "size",
    "colour",
    "coat",
    "sterilised",
    "vaccinated",
    "children",
    "dogs",
    "cats",
    "house_trained",
    "special_needs",
]


def choice(field_name, choices, label, message):
    return django_filters.ChoiceFilter(
        field_name=field_name,
        choices=choices,
        label=label,
        empty_label=_("Any"),
        error_messages=choice_error(message),
    )


def yes_no(field_name, label):
    """A yes/no filter over a boolean field, refusing anything but "yes" and "no"."""

    def filter_yes_no(queryset, name, value):
        return queryset.filter(**{field_name: value == "yes"})

    return django_filters.ChoiceFilter(
        choices=YES_NO,
        label=label,
        method=filter_yes_no,
        empty_label=_("Any"),
        error_messages=choice_error(_("Choose “yes” or “no”.")),
    )


def compatibility(field_name, label):
    return choice(
        field_name,
        Compatibility.choices,
        label,
        _("Choose “yes”, “no” or “not known yet”."),
    )


class PetFilter(django_filters.FilterSet):
    q = SearchTextFilter(label=_("Name, breed or description"), method="filter_text")
    species = choice("species", Species.choices, _("Species"), _("Unknown species."))
    sex = choice("sex", Sex.choices, _("Sex"), _("Unknown sex: choose male or female."))
    age = django_filters.ChoiceFilter(
        choices=AgeGroup.choices,
        label=_("Age"),
        method="filter_age",
        empty_label=_("Any"),
        error_messages=choice_error(_("Unknown age group: choose one from the list.")),
    )
    size = choice("size", Size.choices, _("Size"), _("Unknown size: choose one from the list."))
    colour = choice("colour", Colour.choices, _("Colour"), _("Unknown colour."))
    coat = choice("coat", Coat.choices, _("Coat"), _("Unknown coat type."))
    sterilised = yes_no("sterilised", _("Sterilised"))
    vaccinated = yes_no("vaccinated", _("Vaccinated"))
    children = compatibility("good_with_children", _("Good with children"))
    dogs = compatibility("good_with_dogs", _("Good with dogs"))
    cats = compatibility("good_with_cats", _("Good with cats"))
    house_trained = yes_no("house_trained", _("House trained"))
    special_needs = yes_no("special_needs", _("Special needs"))
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES,
        label=_("Sort"),
        method="filter_sort",
        empty_label=None,
        error_messages=choice_error(_("Unknown sort order.")),
    )

    class Meta:
        model = Pet
        fields = []

    def filter_age(self, queryset, name, value):
        earliest, latest = born_between(value)
        queryset = queryset.filter(born_on__lte=latest)
        return queryset.filter(born_on__gte=earliest) if earliest else queryset

    def filter_text(self, queryset, name, value):
        # Used where the FilterSet lists pets itself (new-arrival mails); the catalog page
        # searches its text through portal.search.catalog.
        return text_search(queryset, value)

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS[value])

    def query_string(self):
        """The active filters (no page, no sort) as a query string, for a subscription."""
        data = self.form.cleaned_data
        params = [(name, data[name]) for name in ["q", *FACETS] if data.get(name)]
        return urlencode(params)
