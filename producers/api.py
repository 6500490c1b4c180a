"""The «Выбирай сочинское!» directory through the API: /api/v1/producers/ and /api/v1/products/,
with the directory's filters, text search and facet counts (producers.search), and what the
producer's public page shows: contacts, the registry numbers (ИНН, ОГРН), the brand mark,
where to buy. Never the owner's account, the consent record or the moderation notes; only
approved, live producers and their visible products.

Municipal fairs (/api/v1/fairs/): the fair list's filter (producers.filters.FairFilter), each
fair with its schedule and next day, and on its own the coming days with who trades on each:
only published producers, as the fair's page lists them."""

from django.db.models import Min, Prefetch, Q, prefetch_related_objects
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.api.catalogs import catalog_viewset
from portal.api.fields import (
    NULLABLE_URI,
    ChoiceField,
    PageURLField,
    RenditionSerializer,
    rendition,
)
from portal.api.lists import records_viewset
from portal.api.views import latest
from portal.bitsets import months_of
from portal.public_url import absolute
from portal.section_pages import live_index_page
from producers.filters import FairFilter
from producers.models import (
    Category,
    Fair,
    FairDay,
    FairSchedule,
    Producer,
    ProducerIndexPage,
    Product,
    RosterEntry,
)
from producers.search import PRODUCER_CATALOG, PRODUCT_CATALOG

LOGO_SPEC, PRODUCT_SPEC = "fill-160x160", "fill-320x200"
MONTHS = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=12))


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["slug", "name"]


class ProducerSerializer(serializers.ModelSerializer):
    url = PageURLField()
    legal_form = ChoiceField()
    district = ChoiceField()
    categories = CategorySerializer(many=True, read_only=True)
    phone = serializers.CharField(read_only=True)
    logo = serializers.SerializerMethodField()
    brand_mark_valid = serializers.BooleanField(read_only=True)

    class Meta:
        model = Producer
        fields = ["id", "url", *Producer.PUBLIC_FIELDS, "brand_mark_valid", "logo"]

    @extend_schema_field(RenditionSerializer(allow_null=True))
    def get_logo(self, producer):
        return rendition(producer.logo, LOGO_SPEC) if producer.logo else None


class ProducerLinkSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Producer
        fields = ["id", "name", "url"]

    @extend_schema_field(NULLABLE_URI)
    def get_url(self, producer):
        url = producer.get_absolute_url(self.context.get("index_page"))
        return absolute(url) if url else None


class ProductSerializer(serializers.ModelSerializer):
    url = PageURLField()
    category = CategorySerializer(read_only=True)
    producer = ProducerLinkSerializer(read_only=True)
    availability = ChoiceField()
    months = serializers.SerializerMethodField()
    image = serializers.SerializerMethodField()

    class Meta:
        model = Product
        fields = ["id", "url", *Product.PUBLIC_FIELDS, "producer", "image"]

    @extend_schema_field(
        serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=12))
    )
    def get_months(self, product):
        """The months (1-12) the product is on sale."""
        return months_of(product.months)

    @extend_schema_field(RenditionSerializer(allow_null=True))
    def get_image(self, product):
        return rendition(product.image, PRODUCT_SPEC) if product.image else None


def with_logo_renditions(producers):
    prefetch_related_objects(producers, "logo__renditions")
    return producers


def with_image_renditions(products):
    prefetch_related_objects(products, "image__renditions")
    return products


ProducerViewSet = catalog_viewset(
    PRODUCER_CATALOG,
    ProducerSerializer,
    name="Producer",
    prepare=with_logo_renditions,
    hidden_parameters=("view",),
)
ProductViewSet = catalog_viewset(
    PRODUCT_CATALOG,
    ProductSerializer,
    name="Product",
    prepare=with_image_renditions,
    hidden_parameters=("view",),
)


# A fair's record lists this many of its coming days with their rosters.
FAIR_DAYS = 30


class ScheduleSerializer(serializers.ModelSerializer):
    weekdays = serializers.SerializerMethodField(help_text="Дни недели, 1 — понедельник")
    days = serializers.CharField(
        source="days_phrase", read_only=True, help_text="Дни словами: «по средам и субботам»"
    )

    class Meta:
        model = FairSchedule
        fields = ["weekdays", "days", "opens_at", "closes_at", "season_from", "season_until"]
        extra_kwargs = {
            "season_from": {"help_text": "Первый месяц сезона (1–12)"},
            "season_until": {
                "help_text": "Последний месяц сезона (1–12), может быть раньше первого"
            },
        }

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_weekdays(self, line):
        return [day for day in months_of(line.weekdays) if day <= 7]


class TradingProducerSerializer(ProducerLinkSerializer):
    categories = CategorySerializer(many=True, read_only=True)

    class Meta(ProducerLinkSerializer.Meta):
        fields = [*ProducerLinkSerializer.Meta.fields, "categories"]


class FairDaySerializer(serializers.ModelSerializer):
    producers = serializers.SerializerMethodField(
        help_text="Кто торгует в этот день: опубликованные производители"
    )

    class Meta:
        model = FairDay
        fields = ["date", "opens_at", "closes_at", "producers"]

    @extend_schema_field(TradingProducerSerializer(many=True))
    def get_producers(self, day):
        producers = [entry.producer for entry in day.roster.all()]
        return TradingProducerSerializer(producers, many=True, context=self.context).data


class FairSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    fair_format = ChoiceField()
    district = ChoiceField()
    phone = serializers.CharField(read_only=True, help_text="Телефон организатора")
    schedule = ScheduleSerializer(many=True, read_only=True)
    next_date = serializers.DateField(
        read_only=True, allow_null=True, help_text="Ближайший день ярмарки"
    )

    class Meta:
        model = Fair
        fields = [
            "id",
            "url",
            "name",
            "slug",
            "fair_format",
            "district",
            "address",
            "organiser",
            "phone",
            "email",
            "trading_places",
            "description",
            "schedule",
            "next_date",
            "updated_at",
        ]

    @extend_schema_field(NULLABLE_URI)
    def get_url(self, fair):
        index_page = self.context.get("index_page")
        return absolute(f"{index_page.url}fairs/{fair.slug}/") if index_page else None


class FairDetailSerializer(FairSerializer):
    days = FairDaySerializer(
        source="coming_days",
        many=True,
        read_only=True,
        help_text=f"Ближайшие дни ярмарки (до {FAIR_DAYS}) и кто в них торгует",
    )

    class Meta(FairSerializer.Meta):
        fields = [*FairSerializer.Meta.fields, "days"]


def public_fairs():
    """The fairs of the fair list (by name), each with its next day; none while the section has
    no live page."""
    if live_index_page(ProducerIndexPage) is None:
        return Fair.objects.none()
    today = timezone.localdate()
    return Fair.objects.annotate(
        next_date=Min("days__date", filter=Q(days__date__gte=today))
    ).order_by("name", "pk")


def with_schedule(fairs, *, detail):
    prefetch_related_objects(
        fairs, Prefetch("schedule", queryset=FairSchedule.objects.order_by("sort_order"))
    )
    if detail:
        (fair,) = fairs
        roster = (
            RosterEntry.objects.filter(producer__is_live=True)
            .select_related("producer")
            .prefetch_related("producer__categories")
            .order_by("producer__name")
        )
        fair.coming_days = list(
            fair.days.filter(date__gte=timezone.localdate())
            .order_by("date")
            .prefetch_related(Prefetch("roster", queryset=roster))[:FAIR_DAYS]
        )
    return fairs


def fair_modified_at(fairs):
    """The latest change of the fairs or of the rosters shown."""
    entries = [
        entry
        for fair in fairs
        for day in getattr(fair, "coming_days", ())
        for entry in day.roster.all()
    ]
    moments = [latest("updated_at")(fairs), latest("created_at")(entries)]
    return max((moment for moment in moments if moment is not None), default=None)


FairViewSet = records_viewset(
    name="Fair",
    queryset=public_fairs,
    serializer=FairSerializer,
    detail_serializer=FairDetailSerializer,
    filterset_class=FairFilter,
    prepare=with_schedule,
    context=lambda request: {"index_page": live_index_page(ProducerIndexPage)},
    modified_at=fair_modified_at,
)
