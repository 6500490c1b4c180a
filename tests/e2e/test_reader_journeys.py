"""What a resident does on the portal, in a real browser: read the news, search, filter."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import expect

from news.demo.content import NEWS_ITEMS

pytestmark = pytest.mark.e2e

CAT_NEWS = next(item for item in NEWS_ITEMS if "кошка" in " ".join(item["paragraphs"]))


def distinctive_word(title: str) -> str:
    """The word of a demo title whose stem occurs in the fewest demo news items (longest wins)."""
    from portal.search.backend import WORD, stem, stem_text

    stems_per_item = [
        set(stem_text(" ".join([item["title"], item["lead"], *item["paragraphs"]])).split())
        for item in NEWS_ITEMS
    ]
    words = [word for word in WORD.findall(title) if not word.isdigit()]
    return min(
        words,
        key=lambda word: (sum(stem(word) in stems for stems in stems_per_item), -len(word)),
    )


def test_reader_goes_from_home_to_a_news_item_and_finds_it_again_by_search(tab):
    page = tab.page
    tab.goto("/")
    expect(page.get_by_role("heading", level=2, name="Последние новости")).to_be_visible()

    page.get_by_role("link", name="Все новости", exact=True).click()
    expect(page).to_have_url(re.compile(r"/news/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Новости")
    cards = page.locator(".news-list .card")
    expect(cards).to_have_count(min(len(NEWS_ITEMS), settings.PORTAL_PAGE_SIZE))
    expect(page.locator(".result-count")).to_have_text(re.compile(rf"^{len(NEWS_ITEMS)}\b"))

    title_link = cards.nth(1).locator(".card__title a")
    title = title_link.inner_text().strip()
    href = title_link.get_attribute("href")
    title_link.click()
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    word = distinctive_word(title)
    search_box = page.locator("input#site-search")
    search_box.fill(word.lower())
    search_box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q="))
    assert parse_qs(urlsplit(page.url).query)["q"] == [word.lower()]
    results = page.locator("ol.search-results")
    result_link = results.locator(f'a[href="{href}"]')
    expect(result_link).to_have_count(1)
    expect(result_link).to_have_text(title)
    expect(result_link.locator("mark")).to_have_text(word)
    tab.assert_clean_console()


def test_search_finds_other_russian_word_forms(tab):
    tab.goto("/search/?q=кошки")
    results = tab.page.locator("ol.search-results")
    expect(results.locator(f'a[href="/news/{CAT_NEWS["slug"]}/"]')).to_have_text(CAT_NEWS["title"])
    expect(tab.page.locator(".result-count")).to_contain_text("«кошки»")
    tab.assert_clean_console()


def test_news_filters_work_without_javascript(open_tab):
    tab = open_tab(java_script_enabled=False)
    page = tab.page
    tab.goto("/news/")
    topic = "Животные"
    expected_titles = sorted(item["title"] for item in NEWS_ITEMS if topic in item["tags"])
    assert 0 < len(expected_titles) < min(len(NEWS_ITEMS), settings.PORTAL_PAGE_SIZE)

    option = page.locator("#filters").get_by_role("radio", name=re.compile(rf"^{topic} \("))
    slug = option.get_attribute("value")
    assert slug
    option.check()
    page.locator("#filters").get_by_role("button", name=re.compile("^Показать")).click()

    expect(page).to_have_url(re.compile(rf"[?&]tag={re.escape(slug)}(&|$)"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Новости: {topic}")
    expect(page.locator(f"#filters input[name=tag][value={slug}]")).to_be_checked()
    expect(page.locator("#filters summary")).to_have_text("Фильтры (1)")
    cards = page.locator(".news-list .card")
    expect(cards).to_have_count(len(expected_titles))
    titles = sorted(text.strip() for text in cards.locator(".card__title").all_inner_texts())
    assert titles == expected_titles
    for index in range(cards.count()):
        expect(cards.nth(index).locator(".tags")).to_contain_text(topic)
    tab.assert_clean_console()
