"""Russian grammar of generated text (portal.russian): units after «за», weekdays after «по»,
month names mid-sentence, quotes inside quotes."""

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.translation import ngettext

from portal import russian
from portal.russian import accusative_phrase, inner_quotes, month_name, on_weekdays, quoted


@pytest.mark.parametrize(
    ("unit", "accusative"),
    [
        ("банка 0,5 л", "банку 0,5 л"),
        ("рамка", "рамку"),
        ("кг", "кг"),
        ("шт.", "шт."),
        ("л", "л"),
        ("бутылка 0,75 л", "бутылку 0,75 л"),
        ("упаковка", "упаковку"),
        ("упаковка 100 г", "упаковку 100 г"),
        ("пучок", "пучок"),
        ("десяток", "десяток"),
        ("десяток яиц", "десяток яиц"),
        ("коробка 1 кг", "коробку 1 кг"),
        ("литр", "литр"),
        ("пара", "пару"),
        ("штука", "штуку"),
        ("головка сыра", "головку сыра"),
        ("стеклянная банка", "стеклянную банку"),
        ("стеклянная банка 0,5 л", "стеклянную банку 0,5 л"),
        ("банка стеклянная", "банку стеклянную"),
        ("большая белая коробка", "большую белую коробку"),
        ("столовая ложка", "столовую ложку"),
        ("большой мешок", "большой мешок"),
        ("ведро", "ведро"),
        ("мёд в сотах", "мёд в сотах"),
        ("ножницы", "ножницы"),
        ("10 штук", "10 штук"),
        ("0,5 л", "0,5 л"),
    ],
)
def test_unit_is_put_in_the_accusative(unit, accusative):
    assert accusative_phrase(unit) == accusative


def test_demo_units_all_read_after_za():
    """Every unit of the demo catalogue, after «за»."""
    from producers.demo.content import CATEGORIES

    units = {unit for _, _, products in CATEGORIES for _, unit, _, _ in products}
    expected = {
        "банка 0,25 л": "банку 0,25 л",
        "банка 0,3 л": "банку 0,3 л",
        "банка 0,5 л": "банку 0,5 л",
        "банка 100 г": "банку 100 г",
        "бутылка 0,5 л": "бутылку 0,5 л",
        "бутылка 0,75 л": "бутылку 0,75 л",
        "бутылка 1 л": "бутылку 1 л",
        "коробка": "коробку",
        "кг": "кг",
        "л": "л",
        "пара": "пару",
        "пучок": "пучок",
        "рамка": "рамку",
        "упаковка 100 г": "упаковку 100 г",
        "упаковка 200 г": "упаковку 200 г",
        "упаковка 75 г": "упаковку 75 г",
        "шт.": "шт.",
    }
    assert units <= set(expected), f"a new demo unit to check: {units - set(expected)}"
    assert {unit: accusative_phrase(unit) for unit in units} == {u: expected[u] for u in units}


@pytest.mark.parametrize(
    ("unit", "accusative"),
    [
        ("Банка 0,5 л", "Банку 0,5 л"),
        ("БАНКА", "БАНКУ"),
        ("зеленая банка", "зеленую банку"),  # written without «ё»: stays without it
        ("зелёная банка", "зелёную банку"),
    ],
)
def test_spelling_of_the_unit_is_kept(unit, accusative):
    assert accusative_phrase(unit) == accusative


@pytest.mark.parametrize("text", ["", "pcs", "0,5", "уп.", "кг сыра", "три банки"])
def test_what_is_not_a_nominative_noun_is_left_as_written(text):
    assert accusative_phrase(text) == text


def test_analyser_is_loaded_once_from_the_installed_dictionary():
    assert russian.morph() is russian.morph()
    assert "pymorphy3_dicts_ru" in str(russian.morph().dictionary.path)


@pytest.mark.parametrize(
    ("days", "phrase"),
    [
        ([6], "по субботам"),
        ([3, 6], "по средам и субботам"),
        ([6, 7], "по субботам и воскресеньям"),
        ([1, 3, 5], "по понедельникам, средам и пятницам"),
        ([2, 4], "по вторникам и четвергам"),
        ([1, 2, 3, 4, 5], "по будням"),
        (range(1, 8), "ежедневно"),
        ([7, 6, 6], "по субботам и воскресеньям"),
    ],
)
def test_weekdays_read_mid_sentence(days, phrase):
    assert on_weekdays(days) == phrase


@pytest.mark.parametrize(("number", "name"), [(1, "январь"), (2, "февраль"), (11, "ноябрь")])
def test_month_names_are_lower_case_in_russian(number, name):
    with translation.override("ru"):
        assert month_name(number) == name


@pytest.mark.parametrize(
    ("name", "in_quotes"),
    [
        ("ТОС «Лоо»", "«ТОС „Лоо“»"),
        ("ТОС «Красная Поляна»", "«ТОС „Красная Поляна“»"),
        ("Лучший орган ТОС", "«Лучший орган ТОС»"),
    ],
)
def test_names_with_quotes_get_low_quotes_inside_guillemets(name, in_quotes):
    assert quoted(name) == in_quotes
    assert f"«{inner_quotes(name)}»" == in_quotes


def test_template_filters():
    template = Template(
        "{% load russian_tags %}за {{ unit|accusative }}; {{ name|quoted }}; "
        "«{{ name|inner_quotes }}»; за {{ empty|accusative|default:'единицу' }}"
    )
    html = template.render(Context({"unit": "банка 0,5 л", "name": "ТОС «Лоо»", "empty": ""}))
    assert html == "за банку 0,5 л; «ТОС „Лоо“»; «ТОС „Лоо“»; за единицу"


@pytest.mark.parametrize(
    ("count", "years", "months"),
    [
        (1, "1 год", "1 месяц"),
        (2, "2 года", "2 месяца"),
        (5, "5 лет", "5 месяцев"),
        (11, "11 лет", "11 месяцев"),
        (21, "21 год", "21 месяц"),
        (22, "22 года", "22 месяца"),
    ],
)
def test_counted_nouns_take_the_russian_plural_form(count, years, months):
    with translation.override("ru"):
        assert ngettext("%(n)s year", "%(n)s years", count) % {"n": count} == years
        assert ngettext("%(n)s month", "%(n)s months", count) % {"n": count} == months
