from django.apps import AppConfig
from django.core.signals import request_finished
from django.db.models.signals import post_migrate, post_save


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Портал"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules
        from wagtail.models import Site

        import portal.page_cache.tables  # noqa: F401  (tracks tables on every new connection)
        from portal import checks, renditions, request_id  # noqa: F401  (checks registers)
        from portal.models import ensure_site_settings_after_migrate, ensure_site_settings_on_save
        from portal.public_url import sync_wagtail_site_after_migrate
        from portal.roles import ensure_roles_after_migrate

        post_migrate.connect(ensure_roles_after_migrate, dispatch_uid="portal.ensure_roles")
        renditions.connect()
        request_finished.connect(request_id.forget, dispatch_uid="portal.forget_request_id")
        post_save.connect(ensure_site_settings_on_save, sender=Site, dispatch_uid="portal.settings")
        post_migrate.connect(
            ensure_site_settings_after_migrate, dispatch_uid="portal.settings_after_migrate"
        )
        # Every deploy migrates: the Site record then follows PUBLIC_BASE_URL.
        post_migrate.connect(sync_wagtail_site_after_migrate, dispatch_uid="portal.sync_site")
        # Every app's declaration of the personal data it keeps (portal.personal_data).
        autodiscover_modules("personal_data")
        # Every section's subscription kinds (portal.subscriptions), for the digests.
        autodiscover_modules("subscriptions")
