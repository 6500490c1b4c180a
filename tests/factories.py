"""Factories for the portal's pages and media, shared by every test module."""

import datetime

import factory
import wagtail_factories
from wagtail.models import Collection, Site

from home.models import HomePage, StandardPage
from news.models import NewsIndexPage, NewsPage
from portal.roles import ensure_roles


class ImageFactory(wagtail_factories.ImageFactory):
    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Изображение {n}")
    file = factory.django.ImageField(width=800, height=450, color="steelblue")


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Портал города Сочи"
    slug = "home"
    hero_title = "Сочи — город проектов"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Страница {n}")
    intro = "Вводный текст страницы."

    class Meta:
        model = StandardPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Новости"
    slug = "news"
    intro = "Новости администрации Сочи."

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Новость {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    date = factory.Sequence(lambda n: datetime.date(2026, 11, 1) - datetime.timedelta(days=n))
    lead = "Краткое содержание новости."
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>Текст новости.</p>"}])

    class Meta:
        model = NewsPage
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.add(*extracted)
            if create:
                self.save()


def build_site():
    """Home page as the default site's root, with a news index under it."""
    root = wagtail_factories.PageFactory._meta.model.get_first_root_node()
    for page in root.get_children():
        page.delete()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Сочи"},
    )
    news_index = NewsIndexPageFactory(parent=home)
    ensure_roles()
    return home, news_index
