"""The «Выбирай сочинское!» directory through the API: /api/v1/producers/ and /api/v1/products/,
with the directory's filters, text search and facet counts (producers.search), and what the
producer's public page shows: contacts, the registry numbers (ИНН, ОГРН), the brand mark,
where to buy. Never the owner's account, the consent record or the moderation notes; only
approved, live producers and their visible products."""

from django.db.models import prefetch_related_objects
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
from portal.bitsets import months_of
from portal.public_url import absolute
from producers.models import Category, Producer, Product
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
