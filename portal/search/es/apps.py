from django.apps import AppConfig


class SearchElasticsearchConfig(AppConfig):
    """Connects the index-update signals of every registered search document."""

    name = "portal.search.es"
    label = "search_es"
    verbose_name = "Search on Elasticsearch"

    def ready(self):
        from portal.search.es import signals

        signals.connect_all()
