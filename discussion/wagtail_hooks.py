"""The comment moderation queue in the admin menu, for those who moderate comments."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from discussion.views.admin import MODERATE
from portal.admin_permissions import PermissionMenuItem


@hooks.register("register_admin_urls")
def register_queue_urls():
    return [path("discussion/", include("discussion.admin_urls", namespace="discussion_admin"))]


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return PermissionMenuItem(
        _("Comment moderation"),
        reverse("discussion_admin:queue"),
        icon_name="comment",
        order=240,
        permission=MODERATE,
    )
