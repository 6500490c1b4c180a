"""Fast creation of many published producers and products for query-count tests and benchmarks.

bulk_create skips save() and the search index: this is load, not content (run update_index if
a test needs the rows found by text)."""

import datetime
from decimal import Decimal

from django.db import transaction

from portal.bitsets import mask_of
from portal.districts import District
from producers.models import Category, ModerationStatus, Producer, Product
from producers.validators import with_inn_check, with_ogrn_check

BATCH_SIZE = 1000
DISTRICTS = District.values


@transaction.atomic
def bulk_create_directory(producers, products_per_producer, *, prefix="seed", categories=None):
    """Create `producers` published producers with `products_per_producer` products each."""
    categories = categories or list(Category.objects.all())
    if not categories:
        categories = [Category.objects.create(name=f"{prefix} категория", slug=f"{prefix}-cat")]
    today = datetime.date(2026, 11, 1)
    rows = [
        Producer(
            name=f"Производитель {prefix} {number}",
            slug=f"{prefix}-{number}",
            legal_form="organisation",
            legal_name=f"ООО «{prefix} {number}»",
            inn=with_inn_check(f"{number % 10**9:09d}"),
            ogrn=with_ogrn_check(f"1{number % 10**11:011d}"),
            district=DISTRICTS[number % len(DISTRICTS)],
            address=f"г. Сочи, ул. Тестовая, {number}",
            status=ModerationStatus.PUBLISHED,
            is_live=True,
            brand_certificate=f"ВС-{number}" if number % 2 else "",
            brand_valid_from=datetime.date(2025, 1, 1) if number % 2 else None,
            brand_valid_until=datetime.date(2027, 12, 31) if number % 2 else None,
        )
        for number in range(producers)
    ]
    Producer.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    created = list(Producer.objects.filter(slug__startswith=f"{prefix}-").order_by("pk"))
    Through = Producer.categories.through  # noqa: N806
    Through.objects.bulk_create(
        [
            Through(producer_id=producer.pk, category_id=categories[i % len(categories)].pk)
            for i, producer in enumerate(created)
        ],
        batch_size=BATCH_SIZE,
    )
    products = [
        Product(
            producer_id=producer.pk,
            name=f"Продукт {prefix} {i}-{n}",
            category_id=categories[(i + n) % len(categories)].pk,
            unit="кг",
            price=Decimal(100 + n),
            price_date=today,
            months=mask_of([(i + n) % 12 + 1, (i + n + 1) % 12 + 1]),
            status=ModerationStatus.PUBLISHED,
            is_live=True,
        )
        for i, producer in enumerate(created)
        for n in range(products_per_producer)
    ]
    Product.objects.bulk_create(products, batch_size=BATCH_SIZE)
    return created
