from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from portal.admin_wording import PortalSnippetViewSet, Wording
from projects.models import Person
from projects.views.office import PERMISSION as OFFICE_PERMISSION


class PersonViewSet(PortalSnippetViewSet):
    """Project curators, heads and administrators: kept once, chosen on each passport."""

    model = Person
    icon = "user"
    menu_label = _("Project people")
    wording = Wording(
        add=_("Add a project person"),
        new=_("New project person"),
        created=_("Project person «%(object)s» added."),
        updated=_("Project person «%(object)s» saved."),
        deleted=_("Project person «%(object)s» deleted."),
        not_saved=_("The project person could not be saved: correct the errors below."),
        choose=_("Choose a project person"),
        delete=_("Delete the project person «%(object)s»?"),
        count=ngettext_lazy("%(count)s project person", "%(count)s project people", "count"),
    )
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "position"]
    # Searched through the site's search backend over Person.search_fields; naming fields here
    # would restrict the query to columns the SQLite full-text table does not have.


register_snippet(PersonViewSet)


# --- A project team's desk and the project office's review desk (projects.views.team, .review).


class TeamMenuItem(MenuItem):
    def is_shown(self, request):
        from projects.team import REPORT

        return request.user.has_perm(REPORT)


class ReviewMenuItem(MenuItem):
    """«Отчёты проектов (N)»: N reports await the project office."""

    def is_shown(self, request):
        from projects.team import REVIEW

        return request.user.has_perm(REVIEW)

    def render_component(self, request):
        from wagtail.admin.menu import LinkMenuItemComponent

        from projects.views.review import pending_count

        count = pending_count()
        label = f"{self.label} ({count})" if count else self.label
        return LinkMenuItemComponent(
            self.name, label, self.url, icon_name=self.icon_name, attrs=self.attrs
        )


@hooks.register("register_admin_urls")
def register_report_urls():
    from projects.views import review, team

    return [
        path("projects/team/", include((team.urlpatterns, "projects_team"))),
        path("projects/reports/", include((review.urlpatterns, "projects_review"))),
    ]


@hooks.register("register_admin_menu_item")
def register_team_menu_item():
    return TeamMenuItem(
        _("My projects"), reverse("projects_team:home"), icon_name="folder-open-inverse", order=310
    )


@hooks.register("register_admin_menu_item")
def register_review_menu_item():
    return ReviewMenuItem(
        _("Project reports"), reverse("projects_review:queue"), icon_name="tasks", order=320
    )


# The project committee: its meetings and the decision desk, registered by their module.
from projects import committee_admin  # noqa: E402, F401


# The project office's dashboard (projects.views.office).
class ProjectOfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(OFFICE_PERMISSION)


@hooks.register("register_admin_urls")
def register_project_office_urls():
    return [path("projects/office/", include("projects.office_urls", namespace="projects_office"))]


@hooks.register("register_admin_menu_item")
def register_project_office_menu_item():
    return ProjectOfficeMenuItem(
        _("Project office"), reverse("projects_office:dashboard"), icon_name="table", order=310
    )
