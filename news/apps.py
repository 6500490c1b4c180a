from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "Новости"

    def ready(self):
        from news import signals  # noqa: F401 - connects the receivers
