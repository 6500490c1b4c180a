"""The producer directory on Elasticsearch: producer and product documents, and how each filter
of the directory reads there.

Only what the public directory shows is indexed: published producers (`is_live`) and published
products of published producers. A document holds what the directory filters, counts, sorts and
searches on, taken from the record's own fields, which are its published version (an edit waiting
for moderation lives in a ChangeRequest and is never read here). No owner account, contacts,
INN/OGRN, consent, moderation status or refusal reason: the page itself comes from the database.

Three filters depend on the day, so the documents keep the facts and the queries bring the date:
the brand mark's validity dates (given only with a certificate number), the months a product is
on sale, and a producer's coming fair dates (from the day of indexing; older ones never match a
range that starts today).
"""

from django.db.models import Prefetch
from django.db.models.signals import m2m_changed
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from elasticsearch_dsl import A, Date, Integer, Keyword, Q, Text

from portal.bitsets import months_of
from portal.search.catalog import Catalog, Sort, term
from portal.search.es.analysis import russian
from portal.search.es.connection import is_enabled
from portal.search.es.documents import CatalogDocument
from portal.search.es.signals import queue_update
from producers.filters import ProducerFilter, ProductFilter, fair_week
from producers.models import (
    Category,
    ChangeRequest,
    FairDay,
    Producer,
    Product,
    RosterEntry,
    visible_products,
)


def coming_fair_entries():
    """Roster entries from today on, with their dates: what "at a fair this week" reads."""
    return RosterEntry.objects.filter(fair_day__date__gte=timezone.localdate()).select_related(
        "fair_day"
    )


def fair_dates_of(producer):
    entries = prefetched(
        producer, "coming_fair_entries", coming_fair_entries().filter(producer=producer)
    )
    return sorted({entry.fair_day.date for entry in entries})


def prefetched(obj, attribute, queryset):
    """What public_queryset() prefetched into `attribute`, or `queryset` for a record read
    otherwise (one document prepared on its own)."""
    return getattr(obj, attribute) if hasattr(obj, attribute) else list(queryset)


def brand_dates(producer):
    """(valid from, valid until) of the mark, or (None, None) without a certificate number: a
    mark without one is never valid, whatever its dates."""
    if not producer.brand_certificate:
        return None, None
    return producer.brand_valid_from, producer.brand_valid_until


def _producer_of_request(request):
    if request.producer_id:
        return [request.producer_id]
    rows = Product.objects.filter(pk=request.product_id).values_list("producer_id", flat=True)
    return list(rows)


class DirectoryDocument(CatalogDocument):
    """What producers and products share: a product is filtered by its producer's district,
    brand mark and fair days, so both documents carry them under the same names."""

    name = Text(analyzer=russian, fields={"raw": Keyword()})
    description = Text(analyzer=russian)
    district = Keyword()
    brand_valid_from = Date()
    brand_valid_until = Date()
    months = Integer()
    fair_dates = Date()


class ProducerDocument(DirectoryDocument):
    legal_name = Text(analyzer=russian)
    address = Text(analyzer=russian)
    categories = Keyword()
    category_names = Text(analyzer=russian)

    django_model = Producer
    # What a producer's document holds beyond its own row, and what changes it without a save of
    # the producer: its published products' months, its categories' names, its fair days, and a
    # moderation decision (approve() publishes with an UPDATE after the save).
    related_models = {
        Product: lambda product: [product.producer_id],
        Category: lambda category: list(category.producers.values_list("pk", flat=True)),
        RosterEntry: lambda entry: [entry.producer_id],
        FairDay: lambda day: list(day.roster.values_list("producer_id", flat=True)),
        ChangeRequest: lambda request: _producer_of_request(request),
    }

    class Index:
        name = "producers"

    @classmethod
    def public_queryset(cls):
        return Producer.objects.public().prefetch_related(
            "categories",
            Prefetch(
                "products",
                queryset=Product.objects.filter(is_live=True).only("producer", "months"),
                to_attr="public_products",
            ),
            Prefetch("fair_entries", queryset=coming_fair_entries(), to_attr="coming_fair_entries"),
        )

    def prepare_categories(self, producer):
        return [category.slug for category in producer.categories.all()]

    def prepare_category_names(self, producer):
        return [category.name for category in producer.categories.all()]

    def prepare_brand_valid_from(self, producer):
        return brand_dates(producer)[0]

    def prepare_brand_valid_until(self, producer):
        return brand_dates(producer)[1]

    def prepare_months(self, producer):
        """The months any of its published products is on sale ("в сезоне сейчас")."""
        mask = 0
        products = producer.products.filter(is_live=True)
        for product in prefetched(producer, "public_products", products):
            mask |= product.months
        return months_of(mask)

    def prepare_fair_dates(self, producer):
        return fair_dates_of(producer)


def _products_of_producers(producer_ids):
    return list(Product.objects.filter(producer_id__in=producer_ids).values_list("pk", flat=True))


def _products_of_request(request):
    if request.product_id:
        return [request.product_id]
    return _products_of_producers([request.producer_id])


class ProductDocument(DirectoryDocument):
    category = Keyword()
    category_name = Text(analyzer=russian)
    producer_name = Text(analyzer=russian)

    django_model = Product
    # A product shows its producer's name, district, mark and fair days, and is public only while
    # its producer is: every change of those reaches the producer's products.
    related_models = {
        Producer: lambda producer: _products_of_producers([producer.pk]),
        Category: lambda category: list(category.products.values_list("pk", flat=True)),
        RosterEntry: lambda entry: _products_of_producers([entry.producer_id]),
        FairDay: lambda day: _products_of_producers(
            day.roster.values_list("producer_id", flat=True)
        ),
        ChangeRequest: _products_of_request,
    }

    class Index:
        name = "products"

    @classmethod
    def public_queryset(cls):
        return (
            Product.objects.public()
            .select_related("producer", "category")
            .prefetch_related(
                Prefetch(
                    "producer__fair_entries",
                    queryset=coming_fair_entries(),
                    to_attr="coming_fair_entries",
                )
            )
        )

    def prepare_category(self, product):
        return product.category.slug

    def prepare_category_name(self, product):
        return product.category.name

    def prepare_producer_name(self, product):
        return product.producer.name

    def prepare_district(self, product):
        return product.producer.district

    def prepare_brand_valid_from(self, product):
        return brand_dates(product.producer)[0]

    def prepare_brand_valid_until(self, product):
        return brand_dates(product.producer)[1]

    def prepare_months(self, product):
        return months_of(product.months)

    def prepare_fair_dates(self, product):
        return fair_dates_of(product.producer)


def categories_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A producer's categories are set after its save (moderation, admin forms) and its document
    lists them: follow the change from either side."""
    if not is_enabled() or action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:
        producer_ids = [instance.pk]
    elif action == "pre_clear":
        producer_ids = list(instance.producers.values_list("pk", flat=True))
    else:
        producer_ids = list(pk_set or [])
    if producer_ids:
        queue_update(ProducerDocument, producer_ids)


m2m_changed.connect(
    categories_changed,
    sender=Producer.categories.through,
    dispatch_uid="search_es:producers.Producer.categories",
)


def yes_or_no(matching):
    """A yes/no filter: the records `matching()` gives as of today, or all the others."""
    return lambda value: matching() if value else Q("bool", must_not=[matching()])


def yes_no_buckets(matching):
    """A yes/no facet counted with today's query, buckets keyed by the GET values."""

    def aggregation():
        query = matching()
        return A(
            "filters",
            filters={"true": query, "false": Q("bool", must_not=[query])},
            keyed=False,
        )

    return aggregation


def brand_mark_valid():
    today = timezone.localdate().isoformat()
    return Q(
        "bool",
        filter=[
            Q("range", brand_valid_from={"lte": today}),
            Q("range", brand_valid_until={"gte": today}),
        ],
    )


def in_season():
    return Q("term", months=timezone.localdate().month)


def at_fair_this_week():
    first, last = fair_week()
    return Q("range", fair_dates={"gte": first.isoformat(), "lte": last.isoformat()})


FACETS = tuple(ProducerFilter.FACETS)
DAY_FILTERS = {"brand": brand_mark_valid, "season": in_season, "fair_week": at_fair_this_week}
# The directory has one order, by name; its text search keeps that order.
SORTS = {"name": Sort(_("Name"), ("name", "pk"), ("name.raw", "pk"))}


def directory_catalog(name, filterset_class, queryset, document, category_field, text_fields):
    return Catalog(
        name=name,
        filterset_class=filterset_class,
        queryset=queryset,
        document=document,
        facets=FACETS,
        sorts=SORTS,
        default_sort="name",
        es_filters={
            "category": term(category_field),
            "district": term("district"),
            **{key: yes_or_no(matching) for key, matching in DAY_FILTERS.items()},
        },
        es_facet_fields={
            "category": category_field,
            "district": "district",
            **{key: yes_no_buckets(matching) for key, matching in DAY_FILTERS.items()},
        },
        text_fields=text_fields,
    )


# The text fields are those the database search indexes (Producer/Product.search_fields).
PRODUCER_CATALOG = directory_catalog(
    "producers",
    ProducerFilter,
    lambda: Producer.objects.public().prefetch_related("categories").select_related("logo"),
    ProducerDocument,
    "categories",
    ("name^3", "description", "legal_name", "address", "category_names"),
)
PRODUCT_CATALOG = directory_catalog(
    "products",
    ProductFilter,
    visible_products,
    ProductDocument,
    "category",
    ("name^3", "description", "category_name", "producer_name"),
)
