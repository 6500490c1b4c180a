import pytest

from tests.discussion.factories import moderator, resident
from tests.factories import NewsPageFactory


@pytest.fixture
def news_item(news_index):
    return NewsPageFactory(parent=news_index, title="Новый сквер в Хосте")


@pytest.fixture
def author(db):
    return resident("author")


@pytest.fixture
def reader(db):
    return resident("reader")


@pytest.fixture
def staff(site_tree):
    return moderator()
