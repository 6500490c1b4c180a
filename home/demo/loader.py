"""The home page and the site's frame (see home.demo). Idempotent: pages are matched by slug,
the settings and the menu are filled only while empty."""

from wagtail.models import Page, Site

from home.demo.content import ABOUT_PAGES, HERO_TEXT, SITE_SETTINGS
from home.models import HomePage, StandardPage
from portal import public_url
from portal.demo.pages import illustration, paragraphs_to_blocks
from portal.models import MainMenu, SiteSettings
from portal.sections import ABOUT, NEWS, SECTIONS


def ensure_home(note):
    """The home page as the default site's root, made on a fresh database."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        # Replace the placeholder page Wagtail's own migrations create.
        for page in root.get_children().exclude(content_type__model="homepage"):
            page.delete()
        home = HomePage(
            title="Портал города Сочи",
            slug="home",
            hero_title="Сочи — город проектов",
            hero_text=HERO_TEXT,
            hero_image=illustration("Сочи: море и горы", "sea", 1, note),
            hero_link_text="Читать новости",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        note("home page")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        hostname, port = public_url.host_and_port()
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="Портал города Сочи",
        )
        note("site")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    # At PUBLIC_BASE_URL, also when it changed since the site was made (another port).
    public_url.sync_wagtail_site()
    return home


def load_demo(home, note):
    """A landing page per section, for the sections' own demos to replace, and the about pages."""
    for section in SECTIONS:
        page = home.get_children().filter(slug=section.slug).first()
        if page is None:
            page = StandardPage(title=section.title, slug=section.slug, intro=section.intro)
            home.add_child(instance=page)
            page.save_revision().publish()
            note(f"section «{section.title}» at /{section.slug}/")
        if section is ABOUT:
            ensure_about_pages(page.specific, note)


def finish_demo(home, note):
    """Once every section has its real page: the home page's cards, the settings, the menu."""
    ensure_home_cards(home, note)
    ensure_settings(home, note)


def ensure_about_pages(about, note):
    for slug, title, intro, text in ABOUT_PAGES:
        if not about.get_children().filter(slug=slug).exists():
            page = StandardPage(
                title=title, slug=slug, intro=intro, body=paragraphs_to_blocks([text])
            )
            about.add_child(instance=page)
            page.save_revision().publish()
            note(f"page «{title}»")


def ensure_home_cards(home, note):
    """Section cards on the home page, rebuilt when a section's page was replaced."""
    home = HomePage.objects.get(pk=home.pk)
    cards = [
        card
        for block in home.body
        if block.block_type == "section_cards"
        for card in block.value["cards"]
    ]
    if cards and all(card["page"] is not None for card in cards):
        return
    home.body = [
        {
            "type": "section_cards",
            "value": {
                "heading": "Разделы портала",
                "cards": [
                    {"page": page.pk, "text": section.intro}
                    for section in SECTIONS
                    for page in home.get_children().filter(slug=section.slug)
                ],
            },
        }
    ]
    home.hero_link = home.get_children().filter(slug=NEWS.slug).first()
    home.save_revision().publish()
    note("home page section cards")


def ensure_settings(home, note):
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    if not settings.address:
        for field, value in SITE_SETTINGS.items():
            setattr(settings, field, value)
        settings.save()
        note("site settings (contacts, social links, footer)")
    menu = MainMenu.for_site(site)
    if not menu.items:
        menu.items = [
            {"type": "link", "value": {"page": page.pk, "url": "", "title": ""}}
            for section in SECTIONS
            for page in home.get_children().filter(slug=section.slug)
        ]
        menu.save()
        note("main menu")
