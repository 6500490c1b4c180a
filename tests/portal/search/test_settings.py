"""With ELASTICSEARCH_URL, Wagtail's site search runs on its elasticsearch8 backend with a prefix
and the Russian analyzer; the database backend stays configured for the fallback. Without it,
the settings are what they were before issue 7."""

import json
import os
import subprocess
import sys

from django.conf import settings

PRINT_SETTINGS = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'backends': s.WAGTAILSEARCH_BACKENDS, 'catalog': s.PORTAL_CATALOG_SEARCH}))"
)


def settings_with(**environ):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", **environ}
    output = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], env=env, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output)


def test_without_a_cluster_search_stays_on_the_database():
    if os.environ.get("ELASTICSEARCH_URL"):
        return  # The live run has a cluster on purpose.
    assert list(settings.WAGTAILSEARCH_BACKENDS) == ["default"]
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "portal.search.backend"
    assert settings.PORTAL_CATALOG_SEARCH == "database"


def test_with_a_cluster_site_search_uses_elasticsearch8_and_keeps_the_database():
    configured = settings_with(
        ELASTICSEARCH_URL="https://search.example:9200", ELASTICSEARCH_INDEX_PREFIX="sochi_"
    )
    default, database = configured["backends"]["default"], configured["backends"]["database"]
    assert default["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert default["URLS"] == ["https://search.example:9200"]
    assert default["INDEX_PREFIX"] == "sochi_wagtail_"
    analyzer = default["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["default"]
    assert "russian_stemmer" in analyzer["filter"]
    assert database["BACKEND"] == "portal.search.backend"
    assert configured["catalog"] == "elasticsearch"
