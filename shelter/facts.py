"""A pet's facts in plain Russian ("2 года", "стерилизована"), for the card and the pet page."""

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from shelter.models import Compatibility, Sex


def age_text(pet):
    """ "2 года", "7 месяцев", "около 3 лет" when the date of birth is estimated."""
    years, months = pet.age_years, pet.age_months
    if years >= 1:
        text = ngettext("%(n)s year", "%(n)s years", years) % {"n": years}
    elif months >= 1:
        text = ngettext("%(n)s month", "%(n)s months", months) % {"n": months}
    else:
        text = _("under a month")
    return _("about %(age)s") % {"age": text} if pet.born_on_estimated else text


def gendered(pet, male, female):
    return female if pet.sex == Sex.FEMALE else male


def sterilised_text(pet):
    if pet.sterilised:
        return gendered(pet, pgettext("male", "sterilised"), pgettext("female", "sterilised"))
    return gendered(pet, pgettext("male", "not sterilised"), pgettext("female", "not sterilised"))


def vaccinated_text(pet):
    if not pet.vaccinated:
        return gendered(
            pet, pgettext("male", "not vaccinated"), pgettext("female", "not vaccinated")
        )
    text = gendered(pet, pgettext("male", "vaccinated"), pgettext("female", "vaccinated"))
    if pet.vaccinated_on:
        date = formats.date_format(pet.vaccinated_on, "j E Y")
        text = _("%(text)s (%(date)s)") % {"text": text, "date": date}
    return text


def compatibility_text(value):
    return {
        Compatibility.YES: _("yes"),
        Compatibility.NO: _("no"),
        Compatibility.UNKNOWN: _("not known yet"),
    }[Compatibility(value)]


def pet_facts(pet):
    """[(label, value)] in the order the pet page lists them."""
    facts = [
        (_("Species"), pet.get_species_display()),
        (_("Breed"), pet.breed),
        (_("Sex"), pet.get_sex_display()),
        (_("Age"), age_text(pet)),
        (_("Size"), pet.get_size_display()),
        (_("Colour"), pet.get_colour_display()),
        (_("Coat"), pet.get_coat_display()),
        (_("Sterilisation"), sterilised_text(pet)),
        (_("Vaccination"), vaccinated_text(pet)),
        (_("Microchip"), _("yes") if pet.microchipped else _("no")),
        (_("Good with children"), compatibility_text(pet.good_with_children)),
        (_("Good with dogs"), compatibility_text(pet.good_with_dogs)),
        (_("Good with cats"), compatibility_text(pet.good_with_cats)),
        (
            _("House trained"),
            gendered(pet, pgettext("male", "house trained"), pgettext("female", "house trained"))
            if pet.house_trained
            else _("no"),
        ),
    ]
    if pet.special_needs:
        facts.append((_("Special needs"), pet.special_needs_description or _("yes")))
    return facts


def card_summary(pet):
    """One line for the catalog card: "Кошка · 2 года · стерилизована"."""
    return " · ".join([pet.get_sex_display(), age_text(pet), sterilised_text(pet)])
