"""Admin choosers obey the same permissions as the admin listings.

Wagtail's chooser views (the modal, its results, "chosen", the create tab) only check that the
user may enter the admin, so without this every staff group could list adoption applicants or fair
sign-ups through /admin/snippets/choose/…. Every snippet of the portal is registered with
`GuardedSnippetViewSet` (or a viewset built on it); `unguarded_chooser_viewsets()` lists any
chooser that is not, and tests/portal/test_permission_matrix.py fails while that list is not empty.
"""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.permissions import policy_registry
from wagtail.snippets.views import chooser
from wagtail.snippets.views.snippets import SnippetViewSet

# Choosing a record means seeing it; deleting alone does not give that right.
CHOOSE_ACTIONS = ["view", "change", "add"]


class ChooserPermissionMixin:
    """Refuse a chooser view to anyone without a view, change or add permission on the model.

    PermissionDenied becomes Wagtail's usual answer: 403 for the modal's XHR requests, a redirect
    to the dashboard with "you do not have permission" for a plain request."""

    def dispatch(self, request, *args, **kwargs):
        policy = policy_registry.get_by_type(self.model_class)
        if not policy.user_has_any_permission(request.user, CHOOSE_ACTIONS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ChooseView(ChooserPermissionMixin, chooser.ChooseView):
    pass


class ChooseResultsView(ChooserPermissionMixin, chooser.ChooseResultsView):
    pass


class ChosenView(ChooserPermissionMixin, chooser.SnippetChosenView):
    pass


class ChosenMultipleView(ChooserPermissionMixin, chooser.SnippetChosenMultipleView):
    pass


class CreateView(ChooserPermissionMixin, chooser.SnippetCreateView):
    pass


class GuardedSnippetChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    create_view_class = CreateView


class GuardedSnippetViewSet(SnippetViewSet):
    """The base of every snippet viewset of the portal: its chooser checks permissions."""

    chooser_viewset_class = GuardedSnippetChooserViewSet


def _is_portal_model(model):
    if isinstance(model, str):
        model = apps.get_model(model)
    return model is not None and not model.__module__.startswith(("wagtail.", "django."))


def unguarded_chooser_viewsets():
    """Registered choosers of the portal's own models whose views skip the permission check
    (a snippet viewset registers its chooser here too, so this covers every snippet)."""
    unguarded = []
    for viewset in viewsets.viewsets:
        if isinstance(viewset, ChooserViewSet) and _is_portal_model(viewset.model):
            view_classes = [
                viewset.choose_view_class,
                viewset.choose_results_view_class,
                viewset.chosen_view_class,
                viewset.chosen_multiple_view_class,
                viewset.create_view_class,
            ]
            if not all(issubclass(view, ChooserPermissionMixin) for view in view_classes):
                unguarded.append(viewset)
    return unguarded


class PermissionMenuItem(MenuItem):
    """An admin menu item shown to those with `permission` (the views check it again)."""

    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)
