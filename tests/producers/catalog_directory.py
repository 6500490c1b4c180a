"""Producers and products for the directory's search tests: a few with known facts, and some that
must never be found (a draft producer and its product, a refused product, a product waiting for
its first approval). The demo "today" is Thursday 26 November 2026."""

import datetime

from portal.bitsets import mask_of
from producers.models import ModerationStatus, Producer, Product, RosterEntry
from tests.portal.search.database import database_search_backend
from tests.producers.factories import (
    CategoryFactory,
    FairDayFactory,
    FairFactory,
    ProducerFactory,
    ProductFactory,
)

TODAY = datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC)
PUBLIC_PRODUCERS = {"Пасека Гулиевых", "Мандариновая роща", "Сыроварня «Ёлки»"}
PUBLIC_PRODUCTS = {"Мёд каштановый", "Мандарины", "Лимоны", "Сыр адыгейский"}


def make_two_producers():
    """Two published producers (a valid mark and an expired one) with three published products,
    a draft producer with a product, and a fair whose Saturday this week has the apiary."""
    honey = CategoryFactory(name="Мёд", slug="med")
    citrus = CategoryFactory(name="Цитрусовые", slug="citrus")
    apiary = ProducerFactory(
        name="Пасека Гулиевых",
        district="adlersky",
        categories=[honey],
        description="Каштановый и липовый мёд с горных пасек.",
        brand_certificate="ВС-1",
        brand_valid_from=datetime.date(2025, 1, 1),
        brand_valid_until=datetime.date(2027, 1, 1),
    )
    grove = ProducerFactory(
        name="Мандариновая роща",
        district="khostinsky",
        categories=[citrus],
        brand_certificate="ВС-2",
        brand_valid_from=datetime.date(2024, 1, 1),
        brand_valid_until=datetime.date(2025, 12, 31),  # expired
    )
    draft = ProducerFactory(
        name="Черновик", status=ModerationStatus.DRAFT, is_live=False, categories=[honey]
    )
    made = {
        "honey": honey,
        "citrus": citrus,
        "apiary": apiary,
        "grove": grove,
        "draft": draft,
        "chestnut": ProductFactory(
            producer=apiary, category=honey, name="Мёд каштановый", months=mask_of(range(1, 13))
        ),
        "tangerines": ProductFactory(
            producer=grove, category=citrus, name="Мандарины", months=mask_of([11, 12, 1])
        ),
        "lemons": ProductFactory(
            producer=grove, category=citrus, name="Лимоны", months=mask_of([2, 3])
        ),
        "hidden_honey": ProductFactory(producer=draft, category=honey, name="Мёд скрытый"),
    }
    fair = FairFactory(name="Фермерский дворик")
    saturday = FairDayFactory(fair=fair, date=datetime.date(2026, 11, 28))
    saturday.add_producer(apiary)
    made.update(fair=fair, saturday=saturday)
    return made


def make_directory():
    """Three published producers and four published products across the filters, plus records
    that are not public."""
    made = make_two_producers()
    honey, apiary, grove = made["honey"], made["apiary"], made["grove"]
    cheese = CategoryFactory(name="Сыры", slug="cheese")
    dairy = ProducerFactory(
        name="Сыроварня «Ёлки»",
        district="adlersky",
        categories=[cheese, honey],
        brand_certificate="",  # dates without a certificate: never a valid mark
        brand_valid_from=datetime.date(2025, 1, 1),
        brand_valid_until=datetime.date(2027, 1, 1),
    )
    made.update(
        cheese=cheese,
        dairy=dairy,
        cheese_product=ProductFactory(
            producer=dairy,
            category=cheese,
            name="Сыр адыгейский",
            description="Мягкий сыр из коровьего молока.",
            months=mask_of([5, 6, 7]),
        ),
        refused=ProductFactory(
            producer=apiary,
            category=honey,
            name="Мёд отклонённый",
            status=ModerationStatus.REFUSED,
            is_live=False,
        ),
        submitted=ProductFactory(
            producer=grove,
            category=made["citrus"],
            name="Грейпфрут на модерации",
            status=ModerationStatus.SUBMITTED,
            is_live=False,
        ),
    )
    # This week (26 November - 2 December) only the apiary trades, on Saturday; the dairy trades
    # on the Saturday after, and the apiary again in December.
    fair = made["fair"]
    next_saturday = FairDayFactory(fair=fair, date=datetime.date(2026, 12, 5))
    next_saturday.add_producer(dairy)
    december = FairDayFactory(fair=fair, date=datetime.date(2026, 12, 12))
    december.add_producer(apiary)
    # A past day is history: it never counts as "at a fair this week".
    last_saturday = FairDayFactory(fair=fair, date=datetime.date(2026, 11, 21))
    RosterEntry.objects.create(fair_day=last_saturday, producer=grove)
    made.update(next_saturday=next_saturday, december=december)
    index_for_the_database_path()
    return made


def index_for_the_database_path():
    backend = database_search_backend()
    backend.add_bulk(Producer, list(Producer.objects.all()))
    backend.add_bulk(Product, list(Product.objects.all()))
