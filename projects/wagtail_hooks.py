from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from portal.admin_permissions import GuardedSnippetViewSet
from projects.models import Person


class PersonViewSet(GuardedSnippetViewSet):
    """Project curators, heads and administrators: kept once, chosen on each passport."""

    model = Person
    icon = "user"
    menu_label = _("Project people")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "position"]
    # Searched through the site's search backend over Person.search_fields; naming fields here
    # would restrict the query to columns the SQLite full-text table does not have.


register_snippet(PersonViewSet)
