"""The project committee in the Wagtail admin (the project office's area): its meetings as
snippets, with the agenda, and the decision desk (projects.views.committee) linked from each
meeting in the listing. Imported by projects.wagtail_hooks, which registers it."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet

from portal.admin_wording import PortalSnippetViewSet, Wording
from projects.committee import LOG_ACTION
from projects.models import CommitteeMeeting


class CommitteeMeetingViewSet(PortalSnippetViewSet):
    """Meetings of the project committee with their agenda; decisions are taken on the desk."""

    model = CommitteeMeeting
    icon = "group"
    menu_label = _("Project committee")
    wording = Wording(
        add=_("Add a committee meeting"),
        new=_("New committee meeting"),
        created=_("Committee meeting «%(object)s» added."),
        updated=_("Committee meeting «%(object)s» saved."),
        deleted=_("Committee meeting «%(object)s» deleted."),
        not_saved=_("The committee meeting could not be saved: correct the errors below."),
        choose=_("Choose a committee meeting"),
        delete=_("Delete the committee meeting «%(object)s»?"),
        count=ngettext_lazy("%(count)s committee meeting", "%(count)s committee meetings", "count"),
    )
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["__str__", "held_on", "number"]


register_snippet(CommitteeMeetingViewSet)


@hooks.register("register_admin_urls")
def register_committee_urls():
    return [
        path(
            "projects/committee/",
            include("projects.committee_urls", namespace="projects_committee"),
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def committee_desk_button(snippet, user, next_url=None):
    if isinstance(snippet, CommitteeMeeting) and user.has_perm("projects.add_committeedecision"):
        yield ListingButton(
            _("Decisions"),
            reverse("projects_committee:meeting", args=[snippet.pk]),
            priority=5,
            icon_name="tasks",
        )


@hooks.register("register_log_actions")
def register_committee_log_actions(actions):
    actions.register_action(
        LOG_ACTION, _("Project committee decision"), _("Project committee decision recorded")
    )
