from django.apps import AppConfig


class ShelterConfig(AppConfig):
    name = "shelter"
    verbose_name = "Приют"
