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
