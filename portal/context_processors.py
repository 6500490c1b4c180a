from django.conf import settings

from portal import accessibility as accessibility_mode


def accessibility(request):
    """The visitor's "версия для слабовидящих" settings, for base.html and its panel."""
    return {"a11y": accessibility_mode.from_request(request)}


def maps(request):
    """The tile server's address for templates/includes/map.html: empty, every map is its list."""
    return {"map_tile_url": getattr(settings, "MAP_TILE_URL", "")}
