"""What the OpenAPI schema describes: the public API's own addresses, not Wagtail's admin API."""

PREFIX = "/api/v1/"


def only_the_public_api(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: the endpoints under /api/v1/."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PREFIX)]
