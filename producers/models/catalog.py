"""Producers of "Выбирай сочинское!", their products and the categories staff keep."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from phonenumber_field.modelfields import PhoneNumberField
from wagtail.models import Orderable
from wagtail.search import index

from portal.bitsets import MonthSetField, bit, in_month, months_of
from portal.districts import District
from portal.fields import HttpsURLField, latitude_field, longitude_field
from portal.search.backend import BODY_BOOST, TITLE_BOOST
from portal.section_pages import RecordPage
from portal.slugs import unique_slug
from producers.models.moderation import Moderated
from producers.validators import validate_inn, validate_ogrn

MONTHS_HELP = _("The months when the product is on sale.")


class Category(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    search_fields = [
        index.SearchField("name", boost=TITLE_BOOST),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = _("product category")
        verbose_name_plural = _("product categories")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class LegalForm(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation (LLC, JSC, cooperative)")
    ENTREPRENEUR = "entrepreneur", _("Individual entrepreneur")
    FARM = "farm", _("Peasant farm (KFH)")
    SELF_EMPLOYED = "self_employed", _("Self-employed person")


class ProducerQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_live=True)

    def brand_mark_valid(self, on=None):
        on = on or timezone.localdate()
        return self.filter(
            brand_certificate__gt="", brand_valid_from__lte=on, brand_valid_until__gte=on
        )

    def in_season(self, month=None):
        """Producers with a public product on sale in `month` (the current one by default)."""
        month = month or timezone.localdate().month
        products = in_month(Product.objects.public(), month).filter(producer=OuterRef("pk"))
        return self.filter(Exists(products))

    def at_fair_between(self, first, last):
        from producers.models.fairs import RosterEntry

        entries = RosterEntry.objects.filter(
            producer=OuterRef("pk"), fair_day__date__gte=first, fair_day__date__lte=last
        )
        return self.filter(Exists(entries))


class Producer(RecordPage, Moderated, index.Indexed, ClusterableModel):
    EDITABLE = (
        "name",
        "legal_form",
        "legal_name",
        "inn",
        "ogrn",
        "description",
        "logo",
        "categories",
        "district",
        "address",
        "latitude",
        "longitude",
        "phone",
        "email",
        "website",
        "vk_url",
        "telegram",
        "sells_in_own_shop",
        "sells_at_fairs",
        "delivers",
        "where_to_buy",
    )
    # A producer's public record: its page, the staff's CSV (producers.resources) and the API
    # (producers.api) show these, and nothing of the owner's account or the consent.
    PUBLIC_FIELDS = (
        "slug",
        *(name for name in EDITABLE if name != "logo"),
        "brand_certificate",
        "brand_valid_from",
        "brand_valid_until",
    )
    REQUEST_FIELD = "producer"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="producers",
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, blank=True)
    legal_form = models.CharField(_("legal form"), max_length=20, choices=LegalForm.choices)
    legal_name = models.CharField(
        _("legal name"), max_length=255, help_text=_("For example: ООО «Чайная долина».")
    )
    inn = models.CharField(_("INN"), max_length=12, validators=[validate_inn])
    ogrn = models.CharField(
        _("OGRN or OGRNIP"),
        max_length=15,
        blank=True,
        validators=[validate_ogrn],
        help_text=_("Not needed for a self-employed person."),
    )
    description = models.TextField(_("description"), max_length=10000, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    categories = models.ManyToManyField(
        Category, verbose_name=_("categories"), related_name="producers"
    )
    district = models.CharField(_("district"), max_length=20, choices=District.choices)
    address = models.CharField(_("address"), max_length=255, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    phone = PhoneNumberField(_("phone"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = HttpsURLField(_("website"), blank=True)
    vk_url = HttpsURLField(_("VK page"), blank=True)
    telegram = models.CharField(
        _("Telegram"), max_length=100, blank=True, help_text=_("A channel or @username.")
    )
    sells_in_own_shop = models.BooleanField(_("own shop"), default=False)
    sells_at_fairs = models.BooleanField(_("at fairs"), default=False)
    delivers = models.BooleanField(_("delivery"), default=False)
    where_to_buy = models.TextField(
        _("where to buy"),
        max_length=4000,
        blank=True,
        help_text=_("Shop addresses, delivery terms."),
    )
    brand_certificate = models.CharField(
        _("brand mark certificate number"), max_length=50, blank=True
    )
    brand_valid_from = models.DateField(_("brand mark valid from"), null=True, blank=True)
    brand_valid_until = models.DateField(_("brand mark valid until"), null=True, blank=True)
    consent_version = models.CharField(_("consent version"), max_length=20, blank=True)
    consented_at = models.DateTimeField(_("consented at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProducerQuerySet.as_manager()

    search_fields = [
        index.SearchField("name", boost=TITLE_BOOST),
        index.AutocompleteField("name"),
        index.SearchField("description", boost=BODY_BOOST),
        index.SearchField("legal_name", boost=BODY_BOOST),
        index.SearchField("address", boost=BODY_BOOST),
        index.RelatedFields("categories", [index.SearchField("name", boost=BODY_BOOST)]),
        index.FilterField("is_live"),
        index.FilterField("district"),
    ]

    class Meta:
        verbose_name = _("producer")
        verbose_name_plural = _("producers")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Producer, self.name, "producer", reserved=RESERVED_SLUGS)
        super().save(*args, **kwargs)

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is reserved: choose another.")})
        check_legal_numbers(self.legal_form, self.inn, self.ogrn)
        if bool(self.brand_valid_from) != bool(self.brand_valid_until):
            raise ValidationError(_("Give both dates of the brand mark or neither."))
        if self.brand_valid_from and self.brand_valid_until < self.brand_valid_from:
            raise ValidationError(
                {"brand_valid_until": _("The mark cannot expire before it starts.")}
            )

    def brand_mark_valid(self, on=None):
        """True when the certificate is given and `on` (today) is within its validity dates."""
        on = on or timezone.localdate()
        return bool(
            self.brand_certificate
            and self.brand_valid_from
            and self.brand_valid_until
            and self.brand_valid_from <= on <= self.brand_valid_until
        )

    index_page_type = "producers.ProducerIndexPage"
    page_route = "producer"

    def page_route_kwargs(self):
        return {"slug": self.slug}

    @classmethod
    def search_queryset(cls):
        """What the site search may show: published producers only."""
        return cls.objects.public()

    def where_to_buy_labels(self):
        flags = [
            (self.sells_in_own_shop, _("own shop")),
            (self.sells_at_fairs, _("at fairs")),
            (self.delivers, _("delivery")),
        ]
        return [label for on, label in flags if on]


def check_legal_numbers(legal_form, inn, ogrn):
    """Which numbers a legal form has: an organisation a 10-digit INN and a 13-digit OGRN, an
    entrepreneur or farm a 12-digit INN and a 15-digit OGRNIP, a self-employed person an INN."""
    inn, ogrn = inn or "", ogrn or ""
    if legal_form == LegalForm.ORGANISATION:
        if len(inn) != 10:
            raise ValidationError({"inn": _("An organisation has a 10-digit INN.")})
        if len(ogrn) != 13:
            raise ValidationError({"ogrn": _("An organisation has a 13-digit OGRN.")})
    elif legal_form in (LegalForm.ENTREPRENEUR, LegalForm.FARM):
        if len(inn) != 12:
            raise ValidationError({"inn": _("An entrepreneur has a 12-digit INN.")})
        if len(ogrn) != 15:
            raise ValidationError({"ogrn": _("An entrepreneur has a 15-digit OGRNIP.")})
    elif legal_form == LegalForm.SELF_EMPLOYED:
        if len(inn) != 12:
            raise ValidationError({"inn": _("A self-employed person has a 12-digit INN.")})
        if ogrn:
            raise ValidationError({"ogrn": _("A self-employed person has no OGRN.")})


# Addresses under /producers/ that are routes of the section, not producers.
RESERVED_SLUGS = {"fairs", "join"}


class ProducerPhoto(Orderable):
    producer = ParentalKey(Producer, related_name="photos", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


class Availability(models.TextChoices):
    AVAILABLE = "available", _("Available")
    TO_ORDER = "to_order", _("To order")
    OUT_OF_STOCK = "out_of_stock", _("Out of stock")


class ProductQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_live=True, producer__is_live=True)

    def in_season(self, month=None):
        return in_month(self, month or timezone.localdate().month)


class Product(RecordPage, Moderated, index.Indexed, ClusterableModel):
    # A product's public record, beside its producer: the staff's CSV and the API show these.
    PUBLIC_FIELDS = (
        "name",
        "category",
        "description",
        "unit",
        "price",
        "price_date",
        "months",
        "availability",
    )
    EDITABLE = (
        "name",
        "category",
        "description",
        "image",
        "unit",
        "price",
        "price_date",
        "months",
        "availability",
    )
    REQUEST_FIELD = "product"

    producer = models.ForeignKey(
        Producer, verbose_name=_("producer"), on_delete=models.CASCADE, related_name="products"
    )
    name = models.CharField(_("name"), max_length=200)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="products"
    )
    description = models.TextField(_("description"), max_length=10000, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.CharField(
        _("unit"), max_length=50, blank=True, help_text=_("For example: кг, банка 0,5 л, шт.")
    )
    price = models.DecimalField(
        _("price, roubles"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    price_date = models.DateField(_("price as of"), null=True, blank=True)
    months = MonthSetField(_("months available"), help_text=MONTHS_HELP)
    availability = models.CharField(
        _("availability"),
        max_length=20,
        choices=Availability.choices,
        default=Availability.AVAILABLE,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProductQuerySet.as_manager()

    search_fields = [
        index.SearchField("name", boost=TITLE_BOOST),
        index.AutocompleteField("name"),
        index.SearchField("description", boost=BODY_BOOST),
        index.RelatedFields("category", [index.SearchField("name", boost=BODY_BOOST)]),
        index.RelatedFields("producer", [index.SearchField("name", boost=BODY_BOOST)]),
        index.FilterField("is_live"),
        index.FilterField("producer"),
    ]

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.price is not None and self.price_date is None:
            raise ValidationError({"price_date": _("Give the date of the price.")})
        if self.price_date and self.price_date > timezone.localdate():
            raise ValidationError({"price_date": _("The date cannot be in the future.")})

    # A product is shown on its producer's page.
    index_page_type = "producers.ProducerIndexPage"
    page_route = "producer"

    def page_route_kwargs(self):
        return {"slug": self.producer.slug}

    @classmethod
    def search_queryset(cls):
        """What the site search may show: published products of producers that are published
        now (a producer can be unpublished after its products were; their page is then a 404).
        A subquery on the indexed producer id, so Elasticsearch can filter on it too."""
        return cls.objects.filter(is_live=True, producer__in=Producer.objects.public())

    @property
    def month_numbers(self):
        return months_of(self.months)

    def in_season(self, on=None):
        """ "В сезоне сейчас": the product is on sale in the month of `on` (today)."""
        on = on or timezone.localdate()
        return bool(self.months & bit(on.month))


class ProductPhoto(Orderable):
    product = ParentalKey(Product, related_name="photos", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


def visible_products():
    """Public products with their producer and category, for lists."""
    return Product.objects.public().select_related("producer", "category", "image")
