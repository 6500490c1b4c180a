from django.apps import AppConfig


class ContestConfig(AppConfig):
    name = "contest"
    verbose_name = "Конкурс «Лучший орган ТОС»"

    def ready(self):
        from contest import metrics  # noqa: F401  (registers its gauges)
