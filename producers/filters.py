"""The directory's filters as plain GET parameters, shared by the page and its facet counts:
?view=products&category=med&district=adlersky&brand=true&season=true&fair_week=true&q=мёд

The producer and product lists share the filters; each says how it reaches the producer."""

import datetime

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.bitsets import in_month
from portal.districts import District
from portal.filtering import choice_error
from portal.search.text import SearchTextFilter
from producers.models import Category, Fair, Producer, Product

PRODUCERS, PRODUCTS = "producers", "products"
# "At a fair this week": trading on a fair day from today over the next days.
FAIR_WEEK_DAYS = 7


def category_choices():
    return list(Category.objects.values_list("slug", "name"))


def fair_week(today=None):
    today = today or timezone.localdate()
    return today, today + datetime.timedelta(days=FAIR_WEEK_DAYS - 1)


class DirectoryFilter(django_filters.FilterSet):
    # The text is searched by the directory's catalog (portal.search.catalog), as its words
    # only: punctuation alone is no query.
    q = SearchTextFilter(method="keep", label=_("Search the directory"), words_only=True)
    view = django_filters.ChoiceFilter(
        method="keep",
        choices=[(PRODUCERS, _("Producers")), (PRODUCTS, _("Products"))],
        widget=forms.HiddenInput,
        error_messages=choice_error(_("Unknown view: choose producers or products.")),
    )
    category = django_filters.ChoiceFilter(
        choices=category_choices,
        label=_("Category"),
        empty_label=_("All categories"),
        error_messages=choice_error(_("Unknown category: choose one from the list.")),
    )
    district = django_filters.ChoiceFilter(
        choices=District.choices,
        label=_("District"),
        empty_label=_("All districts"),
        error_messages=choice_error(_("Unknown district: choose one from the list.")),
    )
    brand = django_filters.BooleanFilter(
        method="filter_brand", label=_("«Выбирай сочинское!» mark valid")
    )
    season = django_filters.BooleanFilter(method="filter_season", label=_("In season now"))
    fair_week = django_filters.BooleanFilter(
        method="filter_fair_week", label=_("At a fair in the coming 7 days")
    )

    FACETS = ["category", "district", "brand", "season", "fair_week"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read once per request: a callable's choices are read again at each validation and
        # each rendering of the field.
        categories = Category.objects.values_list("slug", "name", "pk")
        self.filters["category"].extra["choices"] = [(slug, name) for slug, name, _pk in categories]
        self.category_ids = {slug: pk for slug, _name, pk in categories}

    def keep(self, queryset, name, value):
        return queryset

    def _yes_no(self, queryset, matching, value):
        if value is None:
            return queryset
        return matching if value else queryset.exclude(pk__in=matching.values("pk"))


class ProducerFilter(DirectoryFilter):
    class Meta:
        model = Producer
        fields = ["q", "view", "category", "district", "brand", "season", "fair_week"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["category"].field_name = "categories__slug"

    def filter_brand(self, queryset, name, value):
        return self._yes_no(queryset, queryset.brand_mark_valid(), value)

    def filter_season(self, queryset, name, value):
        return self._yes_no(queryset, queryset.in_season(), value)

    def filter_fair_week(self, queryset, name, value):
        return self._yes_no(queryset, queryset.at_fair_between(*fair_week()), value)


class ProductFilter(DirectoryFilter):
    class Meta:
        model = Product
        fields = ["q", "view", "category", "district", "brand", "season", "fair_week"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Conditions the facet counts evaluate cheaply on every product row: the category as
        # the product's own key, the district on the producer the public products already join.
        self.filters["category"].method = "filter_category"
        self.filters["district"].method = "filter_district"

    def filter_category(self, queryset, name, value):
        return queryset.filter(category_id=self.category_ids[value])

    def filter_district(self, queryset, name, value):
        return queryset.filter(producer__district=value)

    def _by_producer(self, queryset, producers, value):
        if value is None:
            return queryset
        matching = queryset.filter(producer__in=producers.values("pk"))
        return matching if value else queryset.exclude(producer__in=producers.values("pk"))

    def filter_brand(self, queryset, name, value):
        return self._by_producer(queryset, Producer.objects.brand_mark_valid(), value)

    def filter_season(self, queryset, name, value):
        return self._yes_no(queryset, in_month(queryset, timezone.localdate().month), value)

    def filter_fair_week(self, queryset, name, value):
        return self._by_producer(queryset, Producer.objects.at_fair_between(*fair_week()), value)


class FairFilter(django_filters.FilterSet):
    """The fair list's filter, as a plain GET parameter: ?district=."""

    district = django_filters.ChoiceFilter(
        choices=District.choices,
        label=_("District"),
        empty_label=_("All districts"),
        error_messages=choice_error(_("Unknown district: choose one from the list.")),
    )

    class Meta:
        model = Fair
        fields = ["district"]
        form = forms.Form
