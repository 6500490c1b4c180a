"""How prices, fair days and seasons read in Russian: «700 ₽ за банку 0,5 л», «По субботам и
воскресеньям, 08:00–15:00 (сезон: ноябрь – февраль)»."""

import datetime
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from portal.bitsets import mask_of
from producers.demo.content import CATEGORIES, FAIRS
from producers.models import Category, FairSchedule, Producer, Product
from tests.producers.factories import FairScheduleFactory


def product_card(unit, price="700"):
    product = Product(
        name="Мёд каштановый",
        unit=unit,
        price=Decimal(price),
        price_date=datetime.date(2026, 11, 1),
        months=mask_of(range(1, 13)),
        category=Category(name="Мёд"),
        producer=Producer(name="Пасека Гулиевых", slug="paseka"),
    )
    with translation.override("ru"):
        return render_to_string(
            "producers/includes/product_card.html", {"product": product, "base_url": "/"}
        )


@pytest.mark.parametrize(
    ("unit", "price", "shown"),
    [
        ("банка 0,5 л", "700", "700 ₽ за банку 0,5 л"),
        ("рамка", "1200", "1 200 ₽ за рамку"),
        ("кг", "220", "220 ₽ за кг"),
        ("шт.", "90", "90 ₽ за шт."),
        ("", "300", "300 ₽ за единицу"),
    ],
)
def test_price_reads_with_the_unit_in_the_accusative(unit, price, shown):
    html = product_card(unit, price).replace("\xa0", " ")
    assert shown in html


@pytest.mark.parametrize(
    "unit", sorted({unit for _, _, products in CATEGORIES for _, unit, _, _ in products})
)
def test_no_demo_unit_is_printed_in_the_nominative_after_za(unit):
    html = product_card(unit)
    head = unit.split()[0]
    if head.endswith("а"):  # «банка», «рамка», «пара»… change; «кг», «пучок» do not
        assert f"за {unit}" not in html
        assert f"за {head[:-1]}у" in html


def schedule(days, season=(1, 12), hours=(8, 15)):
    line = FairSchedule(
        weekdays=mask_of(days),
        opens_at=datetime.time(hours[0]),
        closes_at=datetime.time(hours[1]),
        season_from=season[0],
        season_until=season[1],
    )
    with translation.override("ru"):
        html = render_to_string("producers/includes/schedule.html", {"lines": [line]})
    return " ".join(html.split())


@pytest.mark.parametrize(
    ("days", "season", "shown"),
    [
        ([6, 7], (1, 12), "<li>По субботам и воскресеньям, 08:00–15:00</li>"),
        ([3, 6], (1, 12), "<li>По средам и субботам, 08:00–15:00</li>"),
        ([6], (11, 2), "<li>По субботам, 08:00–15:00 (сезон: ноябрь – февраль)</li>"),
        (range(1, 8), (12, 1), "<li>Ежедневно, 08:00–15:00 (сезон: декабрь – январь)</li>"),
    ],
)
def test_schedule_reads_as_a_sentence(days, season, shown):
    assert shown in schedule(days, season)


def test_every_demo_fair_schedule_has_lower_case_days_and_months():
    months = ["Январь", "Февраль", "Ноябрь", "Декабрь"]
    days = ["Понедельник", "Среда", "Пятница", "Суббота", "Воскресенье"]
    for fair in FAIRS:
        for weekdays, opens, closes, season in fair[7]:
            hours = (int(opens[:2]), int(closes[:2]))
            html = schedule(weekdays, season, hours)
            assert "<li>По " in html or "<li>Ежедневно" in html
            assert not any(name in html for name in months + days), html


@pytest.mark.django_db
@pytest.mark.usefixtures("on_demo_day")
def test_fair_page_shows_the_schedule_in_words(client, directory):
    line = FairScheduleFactory(weekdays=mask_of([3, 6]), season_from=11, season_until=2)
    html = client.get(f"/producers/fairs/{line.fair.slug}/").content.decode()
    assert "По средам и субботам, 08:00–15:00 (сезон: ноябрь – февраль)" in html
