import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.filtering import YearFilter
from projects.models import ProjectPage, ProjectStatus, Sector

# The filters drawn as options with counts (portal.search.facets); the year is a list of the years.
FACETS = ["sector", "status"]


class ProjectFilter(django_filters.FilterSet):
    """The project list's filters, as plain GET parameters: ?sector=&status=&year=."""

    sector = django_filters.ChoiceFilter(
        choices=Sector.choices,
        label=_("Sector"),
        error_messages={"invalid_choice": _("There is no such sector: choose one from the list.")},
    )
    status = django_filters.ChoiceFilter(
        choices=ProjectStatus.choices,
        label=_("Status"),
        error_messages={"invalid_choice": _("There is no such status: choose one from the list.")},
    )
    year = YearFilter(method="filter_active_in_year", label=_("Year"))

    class Meta:
        model = ProjectPage
        fields = ["sector", "status", "year"]
        form = forms.Form

    def filter_active_in_year(self, queryset, name, value):
        """Projects under way at some time in that year: started by its end, not ended before it;
        a project without an end date runs on."""
        return queryset.filter(
            Q(start_on__year__lte=value),
            Q(end_on__year__gte=value) | Q(end_on__isnull=True),
        )
