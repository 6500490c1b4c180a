"""ИНН, ОГРН and ОГРНИП: length and check digits; which numbers each legal form has."""

import pytest
from django.core.exceptions import ValidationError

from producers.models import LegalForm, check_legal_numbers
from producers.validators import inn_is_valid, ogrn_is_valid, validate_inn, validate_ogrn


@pytest.mark.parametrize("inn", ["7707083893", "7736207543", "500100732259"])
def test_real_inns_are_valid(inn):
    assert inn_is_valid(inn)
    validate_inn(inn)


@pytest.mark.parametrize("inn", ["7707083894", "7736207542", "500100732258", "500100732269"])
def test_inn_with_a_wrong_check_digit_is_refused(inn):
    with pytest.raises(ValidationError) as error:
        validate_inn(inn)
    assert error.value.code == "checksum"


@pytest.mark.parametrize("inn", ["", "770708389", "77070838931", "7707O83893", "७७०७०८३८९३"])
def test_inn_of_wrong_length_or_not_digits_is_refused(inn):
    with pytest.raises(ValidationError) as error:
        validate_inn(inn)
    assert error.value.code == "length"


@pytest.mark.parametrize("ogrn", ["1027700132195", "1027700229193", "304500116000157"])
def test_real_ogrns_and_ogrnips_are_valid(ogrn):
    assert ogrn_is_valid(ogrn)
    validate_ogrn(ogrn)


@pytest.mark.parametrize("ogrn", ["1027700132196", "304500116000158"])
def test_ogrn_with_a_wrong_check_digit_is_refused(ogrn):
    with pytest.raises(ValidationError) as error:
        validate_ogrn(ogrn)
    assert error.value.code == "checksum"


@pytest.mark.parametrize("ogrn", ["102770013219", "10277001321955", "3045001160001571", "abc"])
def test_ogrn_of_wrong_length_is_refused(ogrn):
    with pytest.raises(ValidationError) as error:
        validate_ogrn(ogrn)
    assert error.value.code == "length"


def test_organisation_needs_a_ten_digit_inn_and_a_thirteen_digit_ogrn():
    check_legal_numbers(LegalForm.ORGANISATION, "7707083893", "1027700132195")
    with pytest.raises(ValidationError):
        check_legal_numbers(LegalForm.ORGANISATION, "500100732259", "1027700132195")
    with pytest.raises(ValidationError):
        check_legal_numbers(LegalForm.ORGANISATION, "7707083893", "304500116000157")


def test_entrepreneur_needs_a_personal_inn_and_an_ogrnip():
    check_legal_numbers(LegalForm.ENTREPRENEUR, "500100732259", "304500116000157")
    with pytest.raises(ValidationError):
        check_legal_numbers(LegalForm.FARM, "500100732259", "")


def test_self_employed_person_has_no_ogrn():
    check_legal_numbers(LegalForm.SELF_EMPLOYED, "500100732259", "")
    with pytest.raises(ValidationError):
        check_legal_numbers(LegalForm.SELF_EMPLOYED, "500100732259", "304500116000157")
