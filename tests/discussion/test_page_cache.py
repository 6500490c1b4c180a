"""The anonymous page cache keeps a news item with its thread; a moderator's approval out-dates
it (the comments' table is written), and reading the thread writes nothing."""

import pytest
from django.core.cache import caches

from discussion.models import Comment
from portal.page_cache.tables import CACHE_ALIAS
from tests.discussion.factories import moderator, resident
from tests.factories import NewsPageFactory, build_site
from tests.portal.page_cache.conftest import with_site_settings
from tests.portal.page_cache.visits import fresh, kept

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def news_item(settings):
    settings.PAGE_CACHE_ENABLED = True
    caches[CACHE_ALIAS].clear()
    home, news_index = build_site()
    with_site_settings(home)
    yield NewsPageFactory(parent=news_index, title="Новый сквер")
    caches[CACHE_ALIAS].clear()


def test_an_approved_comment_shows_on_the_kept_page_at_once(client, news_item):
    comment = Comment.objects.create(
        page=news_item, author=resident(), display_name="Ирина", text="Спасибо за сквер!"
    )
    assert "Спасибо за сквер!" not in kept(client, news_item.url)
    assert "Спасибо за сквер!" not in kept(client, "/news/")

    comment.approve(by=moderator())

    assert "Спасибо за сквер!" in fresh(client, news_item.url)
    assert "1 комментарий" in fresh(client, "/news/")
