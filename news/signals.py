"""Forget the cached news sidebar whenever a news item is saved, published, unpublished or
deleted, so topic counts and years never lag behind the news."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from news.models import NewsPage
from news.views.public import SIDEBAR_CACHE_KEY


@receiver(post_save, sender=NewsPage)
@receiver(post_delete, sender=NewsPage)
@receiver(page_published, sender=NewsPage)
@receiver(page_unpublished, sender=NewsPage)
def forget_sidebar(**kwargs):
    cache.delete(SIDEBAR_CACHE_KEY)
