"""Demo content of "Выбирай сочинское!": the section page at /producers/, categories, 30 producers
with about 200 products, 8 fairs with their days and rosters for the coming weeks, and a few
items in moderation (submitted, refused) for the staff queue. One demo producer account owns a
producer. Idempotent: categories, producers and fairs are matched by slug.
"""

import datetime
from decimal import Decimal
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends

from portal.bitsets import mask_of
from portal.sections import SECTIONS, ensure_section_page
from producers.demo import images
from producers.demo.content import CATEGORIES, FAIRS, PRODUCERS
from producers.models import (
    Category,
    Fair,
    FairSchedule,
    ModerationStatus,
    Producer,
    ProducerIndexPage,
    Product,
    RosterEntry,
)
from producers.validators import with_inn_check, with_ogrn_check

SECTION = next(section for section in SECTIONS if section.slug == "producers")
INTRO = (
    "«Выбирай сочинское!» — каталог местных производителей: чай, цитрусовые, мёд, вино, сыр, "
    "форель, выпечка и ремёсла. Найдите, кто что делает и где это купить, и на какой муниципальной "
    "ярмарке производитель торгует на этой неделе."
)
DEMO_PRODUCER_EMAIL = "producer@sochi.example"
FAIR_WEEKS = 4
PRODUCTS_PER_PRODUCER = 7


def load_demo(home, note):
    page = ensure_section_page(
        home, ProducerIndexPage, note, slug=SECTION.slug, title=SECTION.title, intro=INTRO
    )
    categories = ensure_categories(note)
    if not Producer.objects.exists():
        producers = create_producers(categories, note)
        create_moderation_examples(producers, categories, note)
    if not Fair.objects.exists():
        create_fairs(note)
    return page


def image(title, data, name):
    Image = get_image_model()  # noqa: N806
    found = Image.objects.filter(title=title).first()
    if found is not None:
        return found
    picture = Image(title=title, file=ImageFile(BytesIO(data), name=name))
    picture.save()
    return picture


def ensure_categories(note):
    categories = {}
    for order, (slug, name, _products) in enumerate(CATEGORIES):
        category, created = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": order}
        )
        if created:
            note(f"product category «{name}»")
        categories[slug] = category
    return categories


def legal_numbers(number, legal_form):
    if legal_form == "organisation":
        return with_inn_check(f"2320{number:05d}"), with_ogrn_check(f"10223{number:07d}")
    inn = with_inn_check(f"2319{number:06d}")
    return inn, "" if legal_form == "self_employed" else with_ogrn_check(f"3042320{number:07d}")


def create_producers(categories, note):
    today = timezone.localdate()
    pictures = {
        slug: image(f"Продукция: {name}", images.product_picture(slug, 1), f"product-{slug}.jpg")
        for slug, name, _products in CATEGORIES
    }
    products_of = {slug: products for slug, _name, products in CATEGORIES}
    owner = demo_producer_user()
    producers, products = [], []
    for number, (name, form, slugs, district, address, lat, lon) in enumerate(PRODUCERS, 1):
        inn, ogrn = legal_numbers(number, form)
        branded = number % 3 != 0
        producer = Producer.objects.create(
            owner=owner if number == 1 else None,
            name=name,
            legal_form=form,
            legal_name=name if form == "organisation" else f"ИП {name}",
            inn=inn,
            ogrn=ogrn,
            description=f"{name}: местный производитель, участник проекта «Выбирай сочинское!».",
            logo=image(f"Логотип: {name}", images.logo(name, number), f"logo-{number}.jpg"),
            district=district,
            address=f"г. Сочи, {address}",
            latitude=Decimal(str(lat)),
            longitude=Decimal(str(lon)),
            phone=f"+7862{2000000 + number * 137:07d}",
            email=f"producer{number}@sochi.example",
            sells_in_own_shop=number % 2 == 0,
            sells_at_fairs=True,
            delivers=number % 4 == 0,
            brand_certificate=f"ВС-{2024 + number % 3}-{number:03d}"
            if branded or number == 9
            else "",
            brand_valid_from=datetime.date(2024, 1, 15) if branded or number == 9 else None,
            brand_valid_until=(
                today.replace(year=today.year + 2) if branded else datetime.date(2025, 12, 31)
            )
            if branded or number == 9
            else None,
            status=ModerationStatus.PUBLISHED,
            is_live=True,
            consent_version="2026-11-1",
            consented_at=timezone.now(),
        )
        producer.categories.set([categories[slug] for slug in slugs])
        choices = [(slug, item) for slug in slugs for item in products_of[slug]]
        for index in range(PRODUCTS_PER_PRODUCER):
            slug, (product, unit, price, months) = choices[(number + index) % len(choices)]
            title = product if index < len(choices) else f"{product}, фасовка {index + 1}"
            products.append(
                Product(
                    producer=producer,
                    name=title,
                    category=categories[slug],
                    description=f"{product} от производителя «{name}».",
                    image=pictures[slug],
                    unit=unit,
                    price=Decimal(price + 10 * (number % 5)),
                    price_date=today - datetime.timedelta(days=7 * (number % 6)),
                    months=mask_of(months),
                    status=ModerationStatus.PUBLISHED,
                    is_live=True,
                )
            )
        producers.append(producer)
    add_in_bulk(Product, products)
    note(f"{len(producers)} producers with {len(products)} products")
    return producers


def add_in_bulk(model, objects):
    """Insert rows in one go, then index them together.

    Saving them one by one runs the search-index and reference-index updates per row, which made
    the loader take seconds (most of it on PostgreSQL); bulk_create skips both, so both are done
    here once for all the rows."""
    created = model.objects.bulk_create(objects)
    pks = [obj.pk for obj in created]
    indexed = list(model.get_indexed_objects().filter(pk__in=pks))
    for backend in get_search_backends():
        backend.add_bulk(model, indexed)
    for obj in indexed:
        ReferenceIndex.create_or_update_for_object(obj)
    return created


def demo_producer_user():
    from allauth.account.models import EmailAddress

    User = get_user_model()  # noqa: N806
    user = User.objects.filter(email=DEMO_PRODUCER_EMAIL).first()
    if user is None:
        user = User(username="producer", email=DEMO_PRODUCER_EMAIL, first_name="Демо")
        user.set_unusable_password()
        user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=DEMO_PRODUCER_EMAIL, defaults={"verified": True, "primary": True}
    )
    return user


def create_moderation_examples(producers, categories, note):
    """A few items for the staff queue: new producers, product edits and a refusal."""
    moderator = None
    for number, producer in enumerate(producers[-3:]):
        Producer.objects.filter(pk=producer.pk).update(is_live=False, status=ModerationStatus.DRAFT)
        producer.refresh_from_db()
        request = producer.submit(by=None)
        if number == 0:
            producer.refuse(by=moderator, reason="Укажите адрес производства и ОГРНИП.")
        elif number == 1:
            request.submitted_at = timezone.now() - datetime.timedelta(days=2)
            request.save(update_fields=["submitted_at"])
    first = producers[0]
    for product in list(first.products.all()[:2]):
        product.edit({"price": product.price + 20, "price_date": timezone.localdate()}, by=None)
        product.submit(by=None)
    new = Product(
        producer=first,
        name="Чай белый «Серебряные иглы»",
        category=categories["chai"],
        description="Новинка: белый чай ручного сбора.",
        unit="упаковка 50 г",
        months=mask_of(range(1, 13)),
    )
    new.save()
    new.submit(by=None)
    refused = Product(
        producer=producers[1],
        name="Чай «Эликсир молодости»",
        category=categories["chai"],
        description="Лечит все болезни.",
        months=mask_of(range(1, 13)),
    )
    refused.save()
    refused.submit(by=None)
    refused.refuse(by=None, reason="Описание обещает лечебный эффект: уберите это утверждение.")
    note("items in moderation: producers and products submitted and refused")


def create_fairs(note):
    today = timezone.localdate()
    live = list(Producer.objects.public().order_by("pk"))
    for number, (name, fair_format, district, address, lat, lon, places, lines) in enumerate(FAIRS):
        fair = Fair.objects.create(
            name=name,
            fair_format=fair_format,
            district=district,
            address=f"г. Сочи, {address}",
            latitude=Decimal(str(lat)),
            longitude=Decimal(str(lon)),
            organiser="Управление потребительского рынка и услуг администрации г. Сочи",
            phone="+78622640600",
            email="market@sochi.example",
            trading_places=places,
            description=f"{name}: продукция местных производителей, сезонные фрукты и мёд.",
            image=image(
                f"Ярмарка: {name}",
                images.product_picture("frukty", number),
                f"fair-{number}.jpg",
            ),
        )
        for order, (weekdays, opens, closes, (season_from, season_until)) in enumerate(lines):
            FairSchedule.objects.create(
                fair=fair,
                sort_order=order,
                weekdays=mask_of(weekdays),
                opens_at=datetime.time.fromisoformat(opens),
                closes_at=datetime.time.fromisoformat(closes),
                season_from=season_from,
                season_until=season_until,
            )
        days = fair.generate_days(today, today + datetime.timedelta(weeks=FAIR_WEEKS))
        entries = []
        for offset, day in enumerate(fair.days.filter(date__gte=today)):
            chosen = {live[(number * 5 + offset * 3 + k) % len(live)] for k in range(6)}
            entries += [RosterEntry(fair_day=day, producer=p) for p in chosen]
        RosterEntry.objects.bulk_create(entries)
        note(f"fair «{name}» with {len(days)} days")
