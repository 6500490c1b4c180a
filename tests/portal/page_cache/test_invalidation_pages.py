"""A kept page is never stale: publishing, unpublishing, moving or deleting a page, and editing
the site settings or the main menu, out-date every kept response that shows it, once the change
commits (portal.page_cache).

Each test keeps the pages (the second anonymous visit is a hit showing the old value), changes
the content the way staff do, and asserts that the next visit renders afresh with the new value.
Record types (pets, producers, the calendar...) are in test_invalidation_records.py.
"""

import pytest
from django.db import transaction

from news.models import NewsPage
from portal.models import MainMenu, SiteSettings
from portal.page_cache.middleware import STATUS_HEADER
from tests.factories import NewsPageFactory, StandardPageFactory
from tests.portal.page_cache.visits import fresh, kept

# serialized_rollback: Wagtail's root page and default site come back after each flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def news_index(home, site):
    return site[1]


def main_menu(html):
    start = html.index('<nav class="main-nav"')
    return html[start : html.index("</nav>", start)]


def test_publishing_a_news_item_shows_it_in_the_lists_and_the_site_search_at_once(
    client, news_index
):
    draft = NewsPageFactory(parent=news_index, title="Открыт фуникулёр на Ахун", live=False)
    address, search = f"/news/{draft.slug}/", "/search/?q=фуникулер"
    for url in ("/news/", "/"):
        assert "Открыт фуникулёр на Ахун" not in kept(client, url)
    assert address not in kept(client, search)
    assert client.get(address).status_code == 404

    draft.save_revision().publish()

    for url in ("/news/", "/", address):
        assert "Открыт фуникулёр на Ахун" in fresh(client, url)
    assert address in fresh(client, search)


def test_publishing_an_edit_of_a_news_item_shows_it_on_its_page_and_in_every_list(
    client, news_index
):
    item = NewsPageFactory(parent=news_index, title="Ремонт набережной начат")
    urls = ("/news/", "/", f"/news/{item.slug}/")
    for url in urls:
        assert "Ремонт набережной начат" in kept(client, url)

    item = NewsPage.objects.get(pk=item.pk)
    item.title = "Ремонт набережной завершён"
    item.save_revision().publish()

    for url in urls:
        html = fresh(client, url)
        assert "Ремонт набережной завершён" in html
        assert "Ремонт набережной начат" not in html


def test_unpublishing_a_news_item_takes_it_off_its_address_and_every_list(client, news_index):
    item = NewsPageFactory(parent=news_index, title="Перекрытие Курортного проспекта")
    for url in ("/news/", "/", f"/news/{item.slug}/"):
        assert "Перекрытие Курортного проспекта" in kept(client, url)

    item.unpublish()

    fresh(client, f"/news/{item.slug}/", status_code=404)
    for url in ("/news/", "/"):
        assert "Перекрытие Курортного проспекта" not in fresh(client, url)


def test_deleting_a_news_item_takes_it_off_its_address_and_every_list(client, news_index):
    item = NewsPageFactory(parent=news_index, title="Ошибочная новость")
    for url in ("/news/", "/", f"/news/{item.slug}/"):
        assert "Ошибочная новость" in kept(client, url)

    item.delete()

    fresh(client, f"/news/{item.slug}/", status_code=404)
    for url in ("/news/", "/"):
        assert "Ошибочная новость" not in fresh(client, url)


def test_moving_a_page_gives_it_its_new_address_in_the_main_menu_of_every_page(client, home):
    documents = StandardPageFactory(parent=home, title="Документы", slug="documents")
    about = StandardPageFactory(parent=home, title="О городе", slug="about")
    menu = MainMenu.for_site(home.get_site())
    menu.items = [("link", {"page": documents, "url": "", "title": ""})]
    menu.save()
    for url in ("/", "/about/", "/documents/"):
        assert 'href="/documents/"' in main_menu(kept(client, url))

    documents.move(about, pos="last-child")

    for url in ("/", "/about/", "/about/documents/"):
        menu = main_menu(fresh(client, url))
        assert 'href="/about/documents/"' in menu
        assert 'href="/documents/"' not in menu
    # The old address now redirects (Wagtail keeps a redirect for a moved page).
    assert client.get("/documents/")["Location"] == "/about/documents/"


def test_publishing_the_home_page_shows_its_new_hero_at_once(client, home):
    assert "Сочи — город проектов" in kept(client, "/")

    home.hero_title = "Сочи — город садов"
    home.save_revision().publish()

    html = fresh(client, "/")
    assert "Сочи — город садов" in html
    assert "Сочи — город проектов" not in html


def test_editing_the_site_settings_changes_the_footer_of_every_page(client, home, news_index):
    for url in ("/", "/news/"):
        assert "+7 862 264-00-00" not in kept(client, url)

    settings = SiteSettings.for_site(home.get_site())
    settings.organisation = "Администрация города-курорта Сочи"
    settings.phone = "+7 862 264-00-00"
    settings.save()

    for url in ("/", "/news/"):
        html = fresh(client, url)
        assert "+7 862 264-00-00" in html
        assert "<p>Администрация города-курорта Сочи</p>" in html


def test_a_footer_text_written_by_a_queryset_update_shows_on_every_page(client, home, news_index):
    """No save() and no signal: the cache follows the table, whatever writes to it."""
    for url in ("/", "/news/"):
        assert "Портал работает в тестовом режиме" not in kept(client, url)

    SiteSettings.objects.update(footer_text="Портал работает в тестовом режиме")

    for url in ("/", "/news/"):
        assert "Портал работает в тестовом режиме" in fresh(client, url)


def test_editing_the_main_menu_changes_the_header_of_every_page(client, home, news_index):
    for url in ("/", "/news/"):
        assert "Все новости города" not in main_menu(kept(client, url))

    menu = MainMenu.for_site(home.get_site())
    menu.items = [("link", {"page": news_index, "url": "", "title": "Все новости города"})]
    menu.save()

    for url in ("/", "/news/"):
        menu = main_menu(fresh(client, url))
        assert 'href="/news/"' in menu
        assert "Все новости города" in menu


def test_a_change_rolled_back_leaves_the_kept_page_served(client, home):
    assert "Сочи — город проектов" in kept(client, "/")

    with pytest.raises(RuntimeError), transaction.atomic():
        home.hero_title = "Сочи — город садов"
        home.save_revision().publish()
        raise RuntimeError("the editor's request failed")

    response = client.get("/")
    assert response[STATUS_HEADER] == "hit"
    assert "Сочи — город проектов" in response.content.decode()


def test_a_change_out_dates_the_kept_page_only_once_its_transaction_commits(client, home):
    assert "Сочи — город проектов" in kept(client, "/")

    with transaction.atomic():
        home.hero_title = "Сочи — город садов"
        home.save_revision().publish()
        # Not committed yet: other visitors still see the published page, from the cache.
        assert client.get("/")[STATUS_HEADER] == "hit"

    assert "Сочи — город садов" in fresh(client, "/")
