import pytest
from wagtail.models import Site

from portal.models import MainMenu, SiteSettings
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_main_menu_lists_what_editors_put_there(client, home, news_index):
    about = StandardPageFactory(parent=home, title="О портале", slug="about")
    hidden = StandardPageFactory(parent=home, title="Снятая страница", slug="hidden", live=False)
    menu = MainMenu.for_site(Site.objects.get(is_default_site=True))
    menu.items = [
        {"type": "link", "value": {"page": news_index.pk, "url": "", "title": ""}},
        {"type": "link", "value": {"page": about.pk, "url": "", "title": "О нас"}},
        {"type": "link", "value": {"page": hidden.pk, "url": "", "title": ""}},
        {
            "type": "link",
            "value": {"page": None, "url": "https://sochi.ru/", "title": "Сайт города"},
        },
    ]
    menu.save()
    nav = client.get("/news/").content.decode().split('class="main-nav"')[1].split("</nav>")[0]
    assert '<a href="/news/" aria-current="page">Новости</a>' in nav
    assert '<a href="/about/">О нас</a>' in nav
    assert "Снятая страница" not in nav
    assert '<a href="https://sochi.ru/">Сайт города</a>' in nav


def test_footer_shows_contacts_and_social_links(client, home):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.address = "ул. Советская, 26"
    settings.phone = "+7 (862) 264-06-00"
    settings.vk_url = "https://vk.com/sochi"
    settings.save()
    footer = client.get("/").content.decode().split("<footer")[1]
    assert "ул. Советская, 26" in footer
    assert 'href="tel:+78622640600"' in footer
    assert '<a href="https://vk.com/sochi" rel="noopener">ВКонтакте</a>' in footer
    assert "Одноклассники" not in footer


def test_a_new_site_has_its_settings_and_menu_before_its_first_view(home):
    # Wagtail would create them on the first page view: a write on a read path.
    site = Site.objects.create(hostname="tos.sochi.example", root_page=home)
    assert SiteSettings.objects.filter(site=site).exists()
    assert MainMenu.objects.filter(site=site).exists()


def test_migrate_gives_every_site_its_settings_and_menu(home):
    from django.apps import apps

    from portal.models import ensure_site_settings_after_migrate

    SiteSettings.objects.all().delete()
    MainMenu.objects.all().delete()
    ensure_site_settings_after_migrate(sender=None, app_config=apps.get_app_config("portal"))
    assert SiteSettings.objects.count() == MainMenu.objects.count() == Site.objects.count() > 0
