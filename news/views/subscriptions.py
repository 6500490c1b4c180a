"""The news index page's subscription routes: the shared pages (portal.subscription_views)."""

from news.subscriptions import NEWS
from portal import subscription_views


def subscribe(request, index_page):
    return subscription_views.subscribe(request, index_page, NEWS)


def confirm(request, index_page, token):
    return subscription_views.confirm(request, index_page, NEWS, token)


def unsubscribe(request, index_page, token):
    return subscription_views.unsubscribe(request, index_page, NEWS, token)
