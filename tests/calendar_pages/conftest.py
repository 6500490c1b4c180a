import pytest

from tests.calendar_pages.factories import CalendarIndexPageFactory


@pytest.fixture
def calendar_page(home):
    return CalendarIndexPageFactory(parent=home)
