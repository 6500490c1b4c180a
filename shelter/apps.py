from django.apps import AppConfig


class ShelterConfig(AppConfig):
    name = "shelter"
    verbose_name = "Приют"

    def ready(self):
        from shelter import photos

        photos.connect()
