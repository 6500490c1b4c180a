from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Портал"

    def ready(self):
        import portal.page_cache.tables  # noqa: F401  (tracks tables on every new connection)
        from portal.public_url import sync_wagtail_site_after_migrate
        from portal.roles import ensure_roles_after_migrate

        post_migrate.connect(ensure_roles_after_migrate, dispatch_uid="portal.ensure_roles")
        # Every deploy migrates: the Site record then follows PUBLIC_BASE_URL.
        post_migrate.connect(sync_wagtail_site_after_migrate, dispatch_uid="portal.sync_site")
