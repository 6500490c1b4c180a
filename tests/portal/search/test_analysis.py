"""Wagtail's own site search index on Elasticsearch reads Russian like the catalogs do."""

from portal.search.es.analysis import wagtail_index_settings


def test_wagtail_site_search_index_defaults_to_the_russian_analyzer():
    analysis = wagtail_index_settings()["settings"]["analysis"]
    assert analysis["analyzer"]["default"]["filter"] == [
        "lowercase",
        "russian_stop",
        "russian_stemmer",
    ]
    assert "yo_to_ye" in analysis["char_filter"]
