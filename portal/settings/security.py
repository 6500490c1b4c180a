"""Security headers: the strict Content-Security-Policy of the public site (portal.middleware
relaxes it for the Wagtail admin only), the map tiles' origin, Permissions-Policy and the rest.
Part of the shared settings: base.py imports it."""

from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF

env = environ.Env()  # base.py has read .env into the environment before importing this

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF, "https://rutube.ru", "https://vk.com", "https://vkvideo.ru"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# Map tiles for the producers' map, e.g. https://tiles.sochi.example/{z}/{x}/{y}.png; empty: no map,
# pages list the places only. The tile server's origin is allowed as an image source.
MAP_TILE_URL = env("MAP_TILE_URL", default="")
if MAP_TILE_URL:
    _tiles = urlsplit(MAP_TILE_URL.replace("{s}", "*"))  # {s}.tiles.example: any subdomain
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc}")

PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
