"""Atom feed of a page's published comments: /discussion/pages/<id>/feed/.

Links are at the portal's public address (portal.public_url), as in news.feeds.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from discussion.models import Comment
from discussion.templatetags.discussion_tags import comment_text
from portal.public_url import absolute

FEED_SIZE = 50


class CommentsFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, page):
        self.page_url = page.url
        return page

    def title(self, page):
        return _("Discussion: %(title)s") % {"title": page.title}

    def link(self, page):
        return absolute(f"{page.url}#discussion")

    def feed_url(self, page):
        return absolute(self.request.path)

    def subtitle(self, page):
        return _("Published comments of residents and answers of the administration.")

    def items(self, page):
        return (
            Comment.objects.shown().filter(page=page).order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, comment):
        return f"{comment.display_name}: {Truncator(comment.text).words(8)}"

    def item_description(self, comment):
        # Atom readers take the summary as HTML: the text escaped, as the page shows it.
        return comment_text(comment.text)

    def item_link(self, comment):
        return absolute(f"{self.page_url}#comment-{comment.pk}")

    def item_author_name(self, comment):
        return comment.display_name

    def item_pubdate(self, comment):
        return comment.published_at or comment.created_at
