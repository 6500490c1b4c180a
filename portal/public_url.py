"""The portal's public address, `settings.PUBLIC_BASE_URL`, and every absolute link built from it.

A link that leaves the site (an e-mail, a feed, a calendar file, the sitemap) must name the
address the public reaches the portal at. The host a request came in on is not it (a worker has
no request; behind a proxy the request names an internal host), and neither is a database record
nobody updated. So every absolute link is `absolute(path)`, and the records other code reads the
address from follow the setting: Wagtail's default Site (`sync_wagtail_site`, after every migrate
and in `load_demo`) and what django-allauth calls the current site (`site()`).
"""

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEFAULT_PORTS = {"http": 80, "https": 443}


def public_base_url(url):
    """The PUBLIC_BASE_URL setting, `scheme://host[:port]`, from the environment's value.

    Wagtail's Site record keeps a host name and a port and infers the scheme from the port (443:
    https, anything else: http), so https on another port cannot be expressed and is refused.
    """
    parts = urlsplit(url.strip())
    try:
        port = parts.port or DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        port = None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or port is None:
        problem = "must be http(s)://host[:port]"
    elif parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        problem = "is an origin only, without a path or query"
    elif (parts.scheme == "https") != (port == 443):
        problem = "must use port 443 for https and another port for http"
    else:
        return urlunsplit((parts.scheme, parts.netloc.lower(), "", "", ""))
    raise ImproperlyConfigured(f"PUBLIC_BASE_URL {problem}: {url!r}")


def base_url():
    return settings.PUBLIC_BASE_URL


def absolute(path_or_url):
    """The portal's link at its public address: `/news/` -> `https://sochi.ru/news/`.

    A URL that already has a host (a file on object storage, a page of another Wagtail site) is
    left as it is.
    """
    parts = urlsplit(path_or_url)
    if parts.scheme or parts.netloc:
        return path_or_url
    return base_url() + ("" if path_or_url.startswith("/") else "/") + path_or_url


def rebase(url):
    """The same path, query and fragment at the public address: for links a library built from
    the request's host (django-allauth's account e-mails)."""
    parts = urlsplit(url)
    return absolute(urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment)))


def host_and_port():
    parts = urlsplit(base_url())
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    return host, parts.port or DEFAULT_PORTS[parts.scheme]


@dataclass(frozen=True)
class PublicSite:
    """What django-allauth's e-mail templates call `current_site`: the greeting and sign-off."""

    name: str
    domain: str


def site():
    return PublicSite(name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(base_url()).netloc)


def sync_wagtail_site():
    """Point the default Wagtail Site at the public address, so `Site.root_url`, the page URLs
    Wagtail makes absolute (sitemap, admin) agree with `absolute()`. The site, or None."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) != host_and_port():
        site.hostname, site.port = host_and_port()
        site.save(update_fields=["hostname", "port"])  # its signal clears Wagtail's URL cache
    return site


def sync_wagtail_site_after_migrate(sender, app_config=None, **kwargs):
    # post_migrate fires once per app; wagtailcore's carries the Site table.
    if app_config is not None and app_config.label == "wagtailcore":
        sync_wagtail_site()
