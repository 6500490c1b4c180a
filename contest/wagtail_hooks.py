"""The contest commission's desk in the admin menu, shown to those who may see the votes."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from contest.jury import COMMISSION_PERMISSION
from contest.models.jury import SCORE_PERMISSION
from contest.views.admin import VIEW


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


class JuryMenuItem(MenuItem):
    """The jury's desk: jurors score there, the commission follows the progress."""

    def is_shown(self, request):
        user = request.user
        return user.has_perm(SCORE_PERMISSION) or user.has_perm(COMMISSION_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_jury_menu_item():
    return JuryMenuItem(
        _("Contest jury"),
        reverse("contest_admin:jury_index"),
        icon_name="clipboard-list",
        order=910,
    )


@hooks.register("before_delete_page")
def keep_contests_with_votes(request, page):
    """Votes and the audit log outlive pages: a contest or entry with votes cannot be deleted
    (unpublish it instead)."""
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.utils.translation import gettext as gettext_now

    from contest.models import AuditEvent, Vote
    from portal.russian import inner_quotes

    tree = {"contest__path__startswith": page.path}
    has_records = (
        Vote.objects.filter(entry__path__startswith=page.path).exists()
        or AuditEvent.objects.filter(**tree).exists()
    )
    if has_records:
        messages.error(
            request,
            gettext_now(
                "«%(title)s» has votes or audit records and cannot be deleted; unpublish it "
                "instead."
            )
            % {"title": inner_quotes(page.title)},
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_delete_user")
def keep_voters(request, user):
    """A voter's account stays while their vote is on record (it keeps them from voting twice)."""
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.utils.translation import gettext as gettext_now

    from contest.models import Vote

    if Vote.objects.filter(voter=user).exists():
        messages.error(
            request,
            gettext_now(
                "This account has voted in a contest: it cannot be deleted; deactivate it instead."
            ),
        )
        return redirect("wagtailusers_users:index")
    return None
