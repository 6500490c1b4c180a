"""Open-data sets of «Выбирай сочинское!» and the municipal fairs: producers, products, fairs
with their schedule, and fair days.

Producers and products are their public records (Producer.PUBLIC_FIELDS, Product.PUBLIC_FIELDS,
the same lists the producer's page, the staff CSV and the API use), published ones only: nothing
of a draft, a refused or a pending version, the owner's account or the consent.
"""

import datetime

from django.db.models import Count, Max
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from calendar_pages.models import CityEvent
from portal.bitsets import months_of
from portal.opendata.declaration import (
    Dataset,
    ExtraFormat,
    Field,
    FieldType,
    latest,
    model_fields,
    public_value,
    record_addresses,
)
from portal.public_url import absolute
from producers.models import Fair, FairDay, Producer, Product, RosterEntry
from producers.models.pages import ROUTE_PREFIXES, ProducerIndexPage

OPENED_ON = datetime.date(2026, 12, 1)
T = FieldType


def producer_rows():
    address = record_addresses(Producer)
    producers = Producer.objects.public().prefetch_related("categories").order_by("name", "pk")
    for producer in producers:
        yield {
            "id": producer.pk,
            **{name: public_value(producer, name) for name in Producer.PUBLIC_FIELDS},
            "url": address(producer),
        }


PRODUCERS = Dataset(
    code="local-producers",
    title=_("Local producers of «Choose Sochi-made!»"),
    description=_(
        "Farms, entrepreneurs and companies of Sochi in the «Выбирай сочинское!» directory, "
        "published after moderation: what they produce, where and how they sell, contacts, "
        "ИНН and ОГРН, and the brand mark certificate."
    ),
    keywords=_("local producers, farm products, Choose Sochi-made, brand mark, Sochi"),
    fields=(
        Field("id", _("Number of the producer on the portal"), T.INTEGER),
        *model_fields(Producer, Producer.PUBLIC_FIELDS),
        Field("url", _("Page of the producer on the portal"), T.URL),
    ),
    rows=producer_rows,
    # Every producer's row: a withdrawn or refused one leaves the set, which is a change too.
    last_changed=lambda: Producer.objects.aggregate(at=Max("updated_at"))["at"],
    created=OPENED_ON,
    structure_version=OPENED_ON,
    extra_formats=(ExtraFormat.map_layer("api-geo-producers"),),
)


def _months(product):
    return ", ".join(str(month) for month in months_of(product.months))


def product_rows():
    address = record_addresses(Product)
    products = Product.objects.public().select_related("producer", "category")
    for product in products.order_by("name", "pk"):
        values = {name: public_value(product, name) for name in Product.PUBLIC_FIELDS}
        yield {
            "id": product.pk,
            "producer_id": product.producer_id,
            "producer": product.producer.name,
            **values,
            "months": _months(product),
            "url": address(product),
        }


PRODUCTS = Dataset(
    code="local-products",
    title=_("Products of local producers"),
    description=_(
        "Products of the published producers of «Выбирай сочинское!»: category, unit, price "
        "and its date, the months they are on sale and availability."
    ),
    keywords=_("local products, prices, seasonal products, Choose Sochi-made, Sochi"),
    fields=(
        Field("id", _("Number of the product on the portal"), T.INTEGER),
        Field("producer_id", _("Number of the producer (set of producers)"), T.INTEGER),
        Field("producer", _("Producer")),
        *model_fields(Product, Product.PUBLIC_FIELDS, types={"months": T.STRING}),
        Field("url", _("Page of the producer on the portal, where the product is shown"), T.URL),
    ),
    rows=product_rows,
    last_changed=lambda: latest(
        Product.objects.aggregate(at=Max("updated_at"))["at"],
        Producer.objects.aggregate(at=Max("updated_at"))["at"],
    ),
    created=OPENED_ON,
    structure_version=OPENED_ON,
)


def fair_addresses():
    """A function giving a fair's public address, the section page read once."""
    page = ProducerIndexPage.live_page()
    prefix = f"{page.url}{ROUTE_PREFIXES['fair']}" if page is not None else None
    return lambda fair: absolute(f"{prefix}{fair.slug}/") if prefix else None


def schedule_text(fair):
    """«по средам и субботам, 08:00–14:00, сезон: ноябрь — февраль; …»"""
    lines = []
    for line in fair.schedule.all():
        text = gettext("%(days)s, %(opens)s–%(closes)s") % {
            "days": line.days_phrase(),
            "opens": f"{line.opens_at:%H:%M}",
            "closes": f"{line.closes_at:%H:%M}",
        }
        if not line.all_year:
            first, last = line.season_names()
            text += ", " + gettext("season: %(first)s to %(last)s") % {"first": first, "last": last}
        lines.append(text)
    return "; ".join(lines)


def fair_rows():
    address = fair_addresses()
    for fair in Fair.objects.prefetch_related("schedule").order_by("name", "pk"):
        yield {
            "id": fair.pk,
            "name": fair.name,
            "fair_format": fair.get_fair_format_display(),
            "district": fair.get_district_display(),
            "address": fair.address,
            "latitude": fair.latitude,
            "longitude": fair.longitude,
            "organiser": fair.organiser,
            "phone": public_value(fair, "phone"),
            "email": fair.email,
            "trading_places": fair.trading_places,
            "schedule": schedule_text(fair),
            "description": fair.description,
            "url": address(fair),
        }


def fairs_changed():
    return latest(
        Fair.objects.aggregate(at=Max("updated_at"))["at"],
        CityEvent.objects.filter(fair_day__isnull=False).aggregate(at=Max("updated_at"))["at"],
        RosterEntry.objects.aggregate(at=Max("created_at"))["at"],
    )


FAIRS = Dataset(
    code="municipal-fairs",
    title=_("Municipal retail fairs"),
    description=_(
        "Municipal retail fairs of Sochi: format, district, address and coordinates, organiser "
        "and contacts, number of trading places and the schedule (days of the week, hours, "
        "season)."
    ),
    keywords=_("fairs, markets, schedule, trading places, Sochi"),
    fields=(
        Field("id", _("Number of the fair on the portal"), T.INTEGER),
        Field("name", _("Name")),
        Field("fair_format", _("Format")),
        Field("district", _("District of Sochi")),
        Field("address", _("Address")),
        Field("latitude", _("Latitude (WGS 84)"), T.FLOAT),
        Field("longitude", _("Longitude (WGS 84)"), T.FLOAT),
        Field("organiser", _("Organiser")),
        Field("phone", _("Phone (digits with the country code)")),
        Field("email", _("E-mail")),
        Field("trading_places", _("Number of trading places"), T.INTEGER),
        Field("schedule", _("Schedule: days of the week, hours and season")),
        Field("description", _("Description")),
        Field("url", _("Page of the fair on the portal"), T.URL),
    ),
    rows=fair_rows,
    last_changed=fairs_changed,
    created=OPENED_ON,
    structure_version=OPENED_ON,
    extra_formats=(ExtraFormat.map_layer("api-geo-fairs"),),
)


def fair_day_rows():
    address = fair_addresses()
    days = FairDay.objects.select_related("fair").annotate(producer_count=Count("roster"))
    for day in days.order_by("date", "fair__name", "pk"):
        yield {
            "id": day.pk,
            "fair_id": day.fair_id,
            "fair": day.fair.name,
            "date": day.date,
            "opens_at": day.starts_at,
            "closes_at": day.ends_at,
            "producer_count": day.producer_count,
            "url": address(day.fair),
        }


FAIR_DAYS = Dataset(
    code="fair-days",
    title=_("Days of the municipal fairs"),
    description=_(
        "Each day a municipal fair trades: date, opening and closing time and the number of "
        "producers signed up to trade on that day."
    ),
    keywords=_("fairs, schedule, fair days, Sochi"),
    fields=(
        Field("id", _("Number of the fair day on the portal"), T.INTEGER),
        Field("fair_id", _("Number of the fair (set of fairs)"), T.INTEGER),
        Field("fair", _("Fair")),
        Field("date", _("Date"), T.DATE),
        Field("opens_at", _("Opens"), T.DATETIME),
        Field("closes_at", _("Closes"), T.DATETIME),
        Field("producer_count", _("Number of producers signed up to trade"), T.INTEGER),
        Field("url", _("Page of the fair on the portal"), T.URL),
    ),
    rows=fair_day_rows,
    last_changed=fairs_changed,
    created=OPENED_ON,
    structure_version=OPENED_ON,
)

DATASETS = (PRODUCERS, PRODUCTS, FAIRS, FAIR_DAYS)
