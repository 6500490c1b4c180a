from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.snippets.models import register_snippet

from portal.admin_wording import PortalSnippetViewSet, Wording
from projects.models import Person


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


# The project committee: its meetings and the decision desk, registered by their module.
from projects import committee_admin  # noqa: E402, F401
