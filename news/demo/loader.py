"""The news index in place of the section's landing page, and the demo news items. Idempotent:
news items are matched by slug."""

from news.demo.content import NEWS_ITEMS
from news.models import NewsIndexPage, NewsPage
from portal.demo.pages import illustration, paragraphs_to_blocks
from portal.sections import NEWS, ensure_section_page


def load_demo(home, note):
    news_index = ensure_section_page(
        home, NewsIndexPage, note, slug=NEWS.slug, title=NEWS.title, intro=NEWS.intro
    )
    existing = set(NewsPage.objects.child_of(news_index).values_list("slug", flat=True))
    for number, item in enumerate(NEWS_ITEMS, start=1):
        if item["slug"] in existing:
            continue
        body = paragraphs_to_blocks(item["paragraphs"])
        if item["quote"]:
            body.insert(1, {"type": "quote", "value": item["quote"]})
        page = NewsPage(
            title=item["title"],
            slug=item["slug"],
            date=item["date"],
            lead=item["lead"],
            body=body,
            main_image=illustration(item["title"], item["image_theme"], number, note),
        )
        news_index.add_child(instance=page)
        page.tags.add(*item["tags"])
        page.save_revision().publish()
        note(f"news «{item['title']}»")
    return news_index
