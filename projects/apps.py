from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Муниципальные проекты"

    def ready(self):
        # Accepted reports are re-applied whenever a passport is published (projects.progress).
        from projects import progress  # noqa: F401
