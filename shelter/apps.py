from django.apps import AppConfig


class ShelterConfig(AppConfig):
    name = "shelter"
    verbose_name = "Приют"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from shelter import favourites, photos

        photos.connect()
        user_logged_in.connect(
            favourites.merge_session_into_account, dispatch_uid="shelter_merge_favourites"
        )
