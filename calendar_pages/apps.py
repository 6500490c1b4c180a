from django.apps import AppConfig


class CalendarPagesConfig(AppConfig):
    name = "calendar_pages"
    verbose_name = "Календарь ввода объектов"
