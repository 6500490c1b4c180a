import pytest

from tests.shelter.factories import ShelterIndexPageFactory


@pytest.fixture
def shelter_page(home):
    return ShelterIndexPageFactory(parent=home)
