"""The "версия для слабовидящих" mode: larger type, high contrast, images hidden.

The choice is a cookie, set by a plain link, so it works without JavaScript and survives visits.
"""

COOKIE_NAME = "a11y"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60


def is_enabled(request) -> bool:
    return request.COOKIES.get(COOKIE_NAME) == "on"
