"""The "версия для слабовидящих" mode (ГОСТ Р 52872-2019): font size, colour scheme, images on or
off, letter spacing, and the way back to the standard version.

Everything is one cookie, set by plain links in the page's top bar (templates/includes/
a11y_panel.html), so it works without JavaScript and survives visits. Whatever a cookie or a query
holds, a value that is not one of the known choices falls back to its default: a stale or
hand-edited cookie or link never breaks a page. The look itself is static/css/a11y.css, driven by
the classes `body_classes` puts on <body>.
"""

from dataclasses import dataclass, replace

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

COOKIE_NAME = "a11y"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
# The cookie reads "on" followed by the choices that differ from the defaults, e.g.
# "on|size:2|scheme:dark|images:off"; "|" and ":" need no quoting in a cookie.
ENABLED = "on"
PART_SEPARATOR = "|"
VALUE_SEPARATOR = ":"
# A real cookie has at most one part per setting; more is junk, not worth reading.
MAX_PARTS = 8

# Each setting: its values as written in links and in the cookie, mapped to what they mean.
# The first one is the default.
CHOICES = {
    # Type size, in steps of the mode's base size: 100%, 150%, 200% (less on phones: a11y.css).
    "size": {"1": 1, "2": 2, "3": 3},
    # Black on white, white on black, dark blue on light blue.
    "scheme": {"light": "light", "dark": "dark", "blue": "blue"},
    "images": {"on": True, "off": False},
    # Letter spacing: normal, wide, extra wide.
    "spacing": {"0": 0, "1": 1, "2": 2},
}


def _default(name):
    return next(iter(CHOICES[name].values()))


def _parse(name, raw):
    """The meaning of `raw` for the setting `name`; anything unknown means the default."""
    return CHOICES[name].get(raw, _default(name))


def _written(name, value):
    return next(key for key, meaning in CHOICES[name].items() if meaning == value)


@dataclass(frozen=True)
class DisplaySettings:
    """What one visitor chose; `enabled` False is the standard version."""

    enabled: bool = False
    size: int = _default("size")
    scheme: str = _default("scheme")
    images: bool = _default("images")
    spacing: int = _default("spacing")

    def with_choices(self, choices) -> "DisplaySettings":
        """These settings with the ones named in `choices` (a dict or a QueryDict) changed."""
        changes = {name: _parse(name, choices.get(name)) for name in CHOICES if name in choices}
        return replace(self, **changes)

    def to_cookie(self) -> str:
        parts = [ENABLED]
        for name in CHOICES:
            value = getattr(self, name)
            if value != _default(name):
                parts.append(f"{name}{VALUE_SEPARATOR}{_written(name, value)}")
        return PART_SEPARATOR.join(parts)

    @property
    def body_classes(self) -> str:
        """The classes static/css/a11y.css keys on, e.g. "a11y a11y--size-2 a11y--scheme-dark"."""
        if not self.enabled:
            return ""
        classes = [
            "a11y",
            f"a11y--size-{self.size}",
            f"a11y--scheme-{self.scheme}",
            f"a11y--spacing-{self.spacing}",
        ]
        if not self.images:
            classes.append("a11y--no-images")
        return " ".join(classes)


STANDARD = DisplaySettings()


def from_cookie(value) -> DisplaySettings:
    """The settings a cookie value holds; the standard version for anything but an "on" cookie."""
    if not value:
        return STANDARD
    head, *parts = value.split(PART_SEPARATOR, MAX_PARTS)
    if head != ENABLED:
        return STANDARD
    choices = dict(part.partition(VALUE_SEPARATOR)[::2] for part in parts[:MAX_PARTS])
    return DisplaySettings(enabled=True).with_choices(choices)


def from_request(request) -> DisplaySettings:
    return from_cookie(request.COOKIES.get(COOKIE_NAME))


def safe_next_url(request) -> str:
    """Where to go back to: `next` when it is on this site, else the home page."""
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return "/"
    return next_url


def choose(request):
    """Switch the mode and its settings with a plain link, then go back where we were.

    `?mode=off` returns to the standard version and forgets the settings; otherwise the mode is
    on, with the settings named in the query (size, scheme, images, spacing) changed.
    """
    response = HttpResponseRedirect(safe_next_url(request))
    if request.GET.get("mode") == "off":
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
        return response
    current = from_request(request)
    chosen = replace(current, enabled=True).with_choices(request.GET)
    response.set_cookie(
        COOKIE_NAME,
        chosen.to_cookie(),
        max_age=COOKIE_MAX_AGE,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response
