"""The contest commission's desk in the admin menu, shown to those who may see the votes."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from contest.admin_views import VIEW


class ContestMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW)


@hooks.register("register_admin_urls")
def register_contest_urls():
    return [path("tos-contest/", include("contest.admin_urls", namespace="contest_admin"))]


@hooks.register("register_admin_menu_item")
def register_contest_menu_item():
    return ContestMenuItem(
        _("TOS contest"), reverse("contest_admin:index"), icon_name="group", order=900
    )
