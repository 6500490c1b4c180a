"""Build the demo site: home page, a landing page per section, news with illustrations.

Idempotent: what exists (matched by slug or title) is left as it is, so it is safe to run on every
`make run`. Prints what it created.
"""

import html
from io import BytesIO

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from home.models import HomePage, StandardPage
from news.demo_content import NEWS_ITEMS
from news.models import NewsIndexPage, NewsPage
from portal import public_url
from portal.demo_images import make_illustration
from portal.models import MainMenu, SiteSettings
from portal.roles import ensure_roles
from portal.sections import ABOUT, NEWS, SECTIONS

# Each built section's own demo content: a callable (home, note) that replaces the section's
# placeholder page with the real index page and fills it; idempotent like this command.
# Projects come last: their passports link to the other sections' real pages.
SECTION_DEMO_LOADERS = [
    "calendar_pages.demo.load_demo",
    "shelter.demo.load_demo",
    "producers.demo.load_demo",
    "contest.demo.load_demo",
    "projects.demo.load_demo",
]

HERO_TEXT = (
    "Администрация Сочи работает по принципам проектного управления: проектный комитет утвердил "
    "первые 10 муниципальных проектов, всего их запланировано 33. Здесь — новости, паспорта "
    "проектов и сервисы для жителей и гостей курорта."
)
ABOUT_PAGES = [
    (
        "contacts",
        "Контакты",
        "Как связаться с администрацией города и редакцией портала.",
        "Администрация города Сочи: ул. Советская, 26, Сочи, 354061. Приёмная: +7 (862) 264-06-00. "
        "Вопросы о работе портала присылайте на portal@sochi.example.",
    ),
    (
        "accessibility",
        "Доступность",
        "Как пользоваться порталом людям с нарушениями зрения и другими особенностями.",
        "Портал поддерживает версию для слабовидящих: крупный шрифт, высокий контраст, без "
        "изображений. Переключатель находится в верхней строке каждой страницы. Всеми функциями "
        "можно пользоваться с клавиатуры и программ экранного доступа.",
    ),
]


def paragraphs_to_blocks(paragraphs):
    return [{"type": "paragraph", "value": f"<p>{html.escape(text)}</p>"} for text in paragraphs]


class Command(BaseCommand):
    help = "Create the demo site tree and news (safe to run repeatedly)."

    def handle(self, *args, **options):
        self.created = []
        with transaction.atomic():
            home = self.ensure_home()
            news_index = self.ensure_sections(home)
            self.ensure_news(news_index)
            for loader in SECTION_DEMO_LOADERS:
                import_string(loader)(home, self.note)
            self.ensure_home_cards(home, news_index)
            self.ensure_settings(home)
            ensure_roles()
        if self.created:
            for line in self.created:
                self.stdout.write(f"  + {line}")
            self.stdout.write(
                self.style.SUCCESS(f"Demo content: {len(self.created)} objects created.")
            )
        else:
            self.stdout.write("Demo content already present; nothing created.")

    def note(self, text):
        self.created.append(text)

    def image(self, title, theme, seed):
        Image = get_image_model()  # noqa: N806
        image = Image.objects.filter(title=title).first()
        if image is None:
            data = BytesIO(make_illustration(theme, seed))
            image = Image(title=title, file=ImageFile(data, name=f"demo-{theme}-{seed}.jpg"))
            image.save()
            self.note(f"image «{title}»")
        return image

    def ensure_home(self):
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
                hero_image=self.image("Сочи: море и горы", "sea", 1),
                hero_link_text="Читать новости",
            )
            root.add_child(instance=home)
            home.save_revision().publish()
            self.note("home page")
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
            self.note("site")
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save()
        # At PUBLIC_BASE_URL, also when it changed since the site was made (another port).
        public_url.sync_wagtail_site()
        return home

    def ensure_sections(self, home):
        news_index = None
        for section in SECTIONS:
            page = home.get_children().filter(slug=section.slug).first()
            if page is None:
                if section is NEWS:
                    page = NewsIndexPage(
                        title=section.title, slug=section.slug, intro=section.intro
                    )
                else:
                    page = StandardPage(title=section.title, slug=section.slug, intro=section.intro)
                home.add_child(instance=page)
                page.save_revision().publish()
                self.note(f"section «{section.title}» at /{section.slug}/")
            if section is NEWS:
                news_index = page.specific
            if section is ABOUT:
                self.ensure_about_pages(page.specific)
        return news_index

    def ensure_home_cards(self, home, news_index):
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
        home.hero_link = news_index
        home.save_revision().publish()
        self.note("home page section cards")

    def ensure_about_pages(self, about):
        for slug, title, intro, text in ABOUT_PAGES:
            if not about.get_children().filter(slug=slug).exists():
                page = StandardPage(
                    title=title, slug=slug, intro=intro, body=paragraphs_to_blocks([text])
                )
                about.add_child(instance=page)
                page.save_revision().publish()
                self.note(f"page «{title}»")

    def ensure_news(self, news_index):
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
                main_image=self.image(item["title"], item["image_theme"], number),
            )
            news_index.add_child(instance=page)
            page.tags.add(*item["tags"])
            page.save_revision().publish()
            self.note(f"news «{item['title']}»")

    def ensure_settings(self, home):
        site = Site.objects.get(is_default_site=True)
        settings = SiteSettings.for_site(site)
        if not settings.address:
            settings.address = "354061, Краснодарский край, г. Сочи, ул. Советская, 26"
            settings.phone = "+7 (862) 264-06-00"
            settings.email = "portal@sochi.example"
            settings.reception_hours = "Пн–пт 9:00–18:00, перерыв 13:00–13:48"
            settings.vk_url = "https://vk.com/sochi_adm"
            settings.telegram_url = "https://t.me/sochi_adm"
            settings.footer_text = (
                "Официальный портал муниципальных проектов города Сочи. "
                "При использовании материалов ссылка на портал обязательна."
            )
            settings.save()
            self.note("site settings (contacts, social links, footer)")
        menu = MainMenu.for_site(site)
        if not menu.items:
            menu.items = [
                {"type": "link", "value": {"page": page.pk, "url": "", "title": ""}}
                for section in SECTIONS
                for page in home.get_children().filter(slug=section.slug)
            ]
            menu.save()
            self.note("main menu")
