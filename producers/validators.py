"""Checksums of Russian taxpayer and registration numbers (ИНН, ОГРН, ОГРНИП).

The control digits are defined by the Federal Tax Service: ИНН by weighted sums modulo 11,
ОГРН and ОГРНИП as the remainder of the leading number divided by 11 or 13.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
INN12_WEIGHTS_11 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
INN12_WEIGHTS_12 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def _control(digits, weights):
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def inn_is_valid(value):
    value = str(value)
    if not value.isdigit() or not value.isascii():
        return False
    if len(value) == 10:
        return _control(value, INN10_WEIGHTS) == int(value[9])
    if len(value) == 12:
        return _control(value, INN12_WEIGHTS_11) == int(value[10]) and _control(
            value, INN12_WEIGHTS_12
        ) == int(value[11])
    return False


def ogrn_is_valid(value):
    """ОГРН (13 digits, of an organisation) or ОГРНИП (15 digits, of an individual entrepreneur)."""
    value = str(value)
    if not value.isdigit() or not value.isascii():
        return False
    if len(value) == 13:
        return int(value[:12]) % 11 % 10 == int(value[12])
    if len(value) == 15:
        return int(value[:14]) % 13 % 10 == int(value[14])
    return False


def validate_inn(value):
    value = str(value)
    if not (value.isascii() and value.isdigit()) or len(value) not in (10, 12):
        raise ValidationError(
            _("An INN has 10 digits (an organisation) or 12 digits (a person)."), code="length"
        )
    if not inn_is_valid(value):
        raise ValidationError(
            _("This INN is not valid: its check digits do not match. Check for a typo."),
            code="checksum",
        )


def validate_ogrn(value):
    value = str(value)
    if not (value.isascii() and value.isdigit()) or len(value) not in (13, 15):
        raise ValidationError(
            _("An OGRN has 13 digits; an OGRNIP of an entrepreneur has 15 digits."), code="length"
        )
    if not ogrn_is_valid(value):
        raise ValidationError(
            _("This OGRN is not valid: its check digit does not match. Check for a typo."),
            code="checksum",
        )


def with_inn_check(digits):
    """Complete the first 9 (organisation) or 10 (person) digits of an INN with its check
    digits: for demo data and bulk seeding."""
    digits = str(digits)
    if len(digits) == 9:
        return digits + str(_control(digits, INN10_WEIGHTS))
    digits += str(_control(digits, INN12_WEIGHTS_11))
    return digits + str(_control(digits, INN12_WEIGHTS_12))


def with_ogrn_check(digits):
    """Complete the first 12 (OGRN) or 14 (OGRNIP) digits with the check digit."""
    digits = str(digits)
    return digits + str(int(digits) % (11 if len(digits) == 12 else 13) % 10)
