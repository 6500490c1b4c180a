"""RSS 2.0 and Atom feeds of the news: /news/feed/ and /news/feed/atom/.

Every link is at the portal's public address (portal.public_url), not the host the feed reader
asked: Django's Feed would otherwise prefix the request's host to the feed's own address.
"""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from news.models import NewsPage
from portal.public_url import absolute

FEED_SIZE = 30


class NewsRssFeed(Feed):
    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, index_page):
        return index_page

    def title(self, index_page):
        return f"{index_page.title} — {index_page.get_site().site_name or 'Сочи'}"

    def link(self, index_page):
        return absolute(index_page.get_url(self.request))

    def feed_url(self, index_page):
        return absolute(self.request.path)

    def description(self, index_page):
        return index_page.intro

    def items(self, index_page):
        return (
            NewsPage.objects.child_of(index_page)
            .live()
            .public()
            .order_by("-date", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return absolute(item.get_url(self.request))

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time(9, 0)))

    def item_updateddate(self, item):
        return item.last_published_at


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, index_page):
        return index_page.intro
