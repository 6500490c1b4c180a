"""The section in the Wagtail admin for group "Потребительский рынок": categories, producers,
products and fairs as snippets, the moderation queue and CSV import/export."""

import django_filters
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from portal.admin_permissions import PermissionMenuItem
from portal.admin_wording import PortalSnippetViewSet, Wording
from producers.models import Category, Fair, FairDay, Producer, Product, RosterEntry


class CategoryViewSet(PortalSnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    wording = Wording(
        add=_("Add a product category"),
        new=_("New product category"),
        created=_("Category «%(object)s» added."),
        updated=_("Category «%(object)s» saved."),
        deleted=_("Category «%(object)s» deleted."),
        not_saved=_("The category could not be saved: correct the errors below."),
        choose=_("Choose a product category"),
        delete=_("Delete the category «%(object)s»?"),
        count=ngettext_lazy("%(count)s category", "%(count)s categories", "count"),
    )
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]


class ProducerViewSet(PortalSnippetViewSet):
    model = Producer
    icon = "group"
    menu_label = _("Producers")
    wording = Wording(
        add=_("Add a producer"),
        new=_("New producer"),
        created=_("Producer «%(object)s» added."),
        updated=_("Producer «%(object)s» saved."),
        deleted=_("Producer «%(object)s» deleted."),
        not_saved=_("The producer could not be saved: correct the errors below."),
        choose=_("Choose a producer"),
        delete=_("Delete the producer «%(object)s»?"),
        count=ngettext_lazy("%(count)s producer", "%(count)s producers", "count"),
    )
    list_display = ["name", "district", "status", "is_live", "updated_at"]
    list_filter = ["status", "is_live", "district", "legal_form", "categories"]
    search_fields = ["name", "legal_name", "inn"]
    ordering = ["name"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldPanel("owner"),
                    FieldRowPanel([FieldPanel("legal_form"), FieldPanel("legal_name")]),
                    FieldRowPanel([FieldPanel("inn"), FieldPanel("ogrn")]),
                    FieldPanel("description"),
                    FieldPanel("logo"),
                    FieldPanel("categories"),
                    InlinePanel("photos", label=_("Photos")),
                ],
                heading=_("Producer"),
            ),
            ObjectList(
                [
                    FieldPanel("district"),
                    FieldPanel("address"),
                    FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                    FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                    FieldRowPanel([FieldPanel("website"), FieldPanel("vk_url")]),
                    FieldPanel("telegram"),
                    MultiFieldPanel(
                        [
                            FieldPanel("sells_in_own_shop"),
                            FieldPanel("sells_at_fairs"),
                            FieldPanel("delivers"),
                            FieldPanel("where_to_buy"),
                        ],
                        heading=_("Where to buy"),
                    ),
                ],
                heading=_("Contacts"),
            ),
            ObjectList(
                [
                    FieldPanel("brand_certificate"),
                    FieldRowPanel(
                        [FieldPanel("brand_valid_from"), FieldPanel("brand_valid_until")]
                    ),
                ],
                heading=_("Brand mark"),
            ),
        ]
    )


class ProductViewSet(PortalSnippetViewSet):
    model = Product
    icon = "pick"
    menu_label = _("Products")
    wording = Wording(
        add=_("Add a product"),
        new=_("New product"),
        created=_("Product «%(object)s» added."),
        updated=_("Product «%(object)s» saved."),
        deleted=_("Product «%(object)s» deleted."),
        not_saved=_("The product could not be saved: correct the errors below."),
        choose=_("Choose a product"),
        delete=_("Delete the product «%(object)s»?"),
        count=ngettext_lazy("%(count)s product", "%(count)s products", "count"),
    )
    list_display = ["name", "producer", "category", "months", "availability", "status", "is_live"]
    list_filter = ["status", "is_live", "category", "availability"]
    search_fields = ["name"]
    ordering = ["name"]
    panels = [
        FieldPanel("producer"),
        FieldPanel("name"),
        FieldPanel("category"),
        FieldPanel("description"),
        FieldPanel("image"),
        InlinePanel("photos", label=_("Photos")),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("price"), FieldPanel("price_date")]),
        FieldPanel("months"),
        FieldPanel("availability"),
    ]


class FairViewSet(PortalSnippetViewSet):
    model = Fair
    icon = "home"
    menu_label = _("Fairs")
    wording = Wording(
        add=_("Add a fair"),
        new=_("New fair"),
        created=_("Fair «%(object)s» added."),
        updated=_("Fair «%(object)s» saved."),
        deleted=_("Fair «%(object)s» deleted."),
        not_saved=_("The fair could not be saved: correct the errors below."),
        choose=_("Choose a fair"),
        delete=_("Delete the fair «%(object)s»?"),
        count=ngettext_lazy("%(count)s fair", "%(count)s fairs", "count"),
    )
    list_display = ["name", "fair_format", "district", "trading_places"]
    list_filter = ["fair_format", "district"]
    ordering = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("fair_format"), FieldPanel("district")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("organiser"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("trading_places"),
        FieldPanel("description"),
        FieldPanel("image"),
        InlinePanel("schedule", label=pgettext_lazy("fair", "Schedule"), min_num=1),
    ]


class FairDayViewSet(PortalSnippetViewSet):
    model = FairDay
    icon = "date"
    menu_label = _("Fair days and rosters")
    wording = Wording(
        add=_("Add a fair day"),
        new=_("New fair day"),
        created=_("Fair day «%(object)s» added."),
        updated=_("Fair day «%(object)s» saved."),
        deleted=_("Fair day «%(object)s» deleted."),
        not_saved=_("The fair day could not be saved: correct the errors below."),
        choose=_("Choose a fair day"),
        delete=_("Delete the fair day «%(object)s»?"),
        count=ngettext_lazy("%(count)s fair day", "%(count)s fair days", "count"),
    )
    list_display = ["fair", "date", "opens_at", "closes_at"]
    list_filter = ["fair"]
    ordering = ["-date"]
    panels = [
        FieldPanel("fair"),
        FieldPanel("date"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        InlinePanel("roster", label=_("Trading producers")),
    ]


class SignUpFilterSet(WagtailFilterSet):
    fair = django_filters.ModelChoiceFilter(
        label=_("Fair"), field_name="fair_day__fair", queryset=Fair.objects.all()
    )
    date = django_filters.DateFromToRangeFilter(
        label=_("Fair date"), field_name="fair_day__date", widget=DateRangePickerWidget
    )

    class Meta:
        model = RosterEntry
        fields = ["producer"]


class SignUpViewSet(PortalSnippetViewSet):
    """Producers' own sign-ups for fair days, newest first, so staff see each one.

    A sign-up takes effect at once (a trading place is not a publication), within the places
    the fair has; staff who disagree remove the entry here."""

    model = RosterEntry
    icon = "list-ul"
    menu_label = _("Fair sign-ups")
    wording = Wording(
        add=_("Add a fair sign-up"),
        new=_("New fair sign-up"),
        created=_("Sign-up «%(object)s» added."),
        updated=_("Sign-up «%(object)s» saved."),
        deleted=_("Sign-up «%(object)s» deleted."),
        not_saved=_("The sign-up could not be saved: correct the errors below."),
        choose=_("Choose a fair sign-up"),
        delete=_("Delete the sign-up «%(object)s»?"),
        count=ngettext_lazy("%(count)s sign-up", "%(count)s sign-ups", "count"),
    )
    url_prefix = "fair-sign-ups"
    list_display = ["producer", "fair_day", "created_at"]
    filterset_class = SignUpFilterSet
    ordering = ["-created_at"]
    panels = [FieldPanel("fair_day"), FieldPanel("producer")]

    def get_queryset(self, request):
        return RosterEntry.objects.select_related("producer", "fair_day__fair")


class ProducersViewSetGroup(SnippetViewSetGroup):
    items = (
        CategoryViewSet,
        ProducerViewSet,
        ProductViewSet,
        FairViewSet,
        FairDayViewSet,
        SignUpViewSet,
    )
    menu_icon = "pick"
    menu_label = _("Выбирай сочинское!")
    menu_name = "producers"


register_snippet(ProducersViewSetGroup)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path(
            "producers-moderation/",
            include("producers.admin_urls", namespace="producers_moderation"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return PermissionMenuItem(
        _("Producer moderation"),
        reverse("producers_moderation:queue"),
        icon_name="tasks",
        order=250,
        permission="producers.change_changerequest",
    )


@hooks.register("register_admin_menu_item")
def register_csv_menu_item():
    return PermissionMenuItem(
        _("Producers: CSV"),
        reverse("producers_moderation:csv"),
        icon_name="download",
        order=251,
        permission="producers.view_producer",
    )
