import pytest

from tests.calendar_pages.catalog_facilities import make_catalog_facilities
from tests.calendar_pages.factories import CalendarIndexPageFactory


@pytest.fixture
def calendar_page(home):
    return CalendarIndexPageFactory(parent=home)


@pytest.fixture
def facilities(db):
    """Six facilities across districts, types and statuses, two in November 2026."""
    return make_catalog_facilities()
