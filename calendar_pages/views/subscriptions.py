"""The calendar page's subscription routes: the shared pages (portal.subscription_views)."""

from calendar_pages.subscriptions import CALENDAR
from portal import subscription_views


def subscribe(request, index_page):
    return subscription_views.subscribe(request, index_page, CALENDAR)


def confirm(request, index_page, token):
    return subscription_views.confirm(request, index_page, CALENDAR, token)


def unsubscribe(request, index_page, token):
    return subscription_views.unsubscribe(request, index_page, CALENDAR, token)
