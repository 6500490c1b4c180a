from django.template.response import TemplateResponse

from portal.filtering import filter_or_400, offer_choices
from portal.pagination import paginate
from portal.search.facets import count_facets
from projects.charts import control_points_chart
from projects.filters import FACETS, ProjectFilter
from projects.models import ProjectPage
from projects.status import attach_health


def project_list(request, index_page):
    """The project index: counts at a glance, filters, a page of projects with their colour
    (projects.status) and their control points drawn as a chart; invalid filters answer 400."""
    all_projects = ProjectPage.objects.child_of(index_page).live().public()
    projects = index_page.projects().prefetch_related("indicators")
    filterset = ProjectFilter(request.GET, queryset=projects)
    projects, status = filter_or_400(filterset)
    at_a_glance, years = all_projects.overview()
    offer_choices(filterset, "year", years)
    # The facets' one query counts the list as well: the paginator is told the total.
    counted = count_facets(filterset, FACETS, one_query=True) if filterset.is_valid() else None
    projects_page = paginate(request, projects, count=counted.total if counted else None)
    # Each project's colour by the one status rule, on the page's projects read once.
    projects_page.object_list = attach_health(projects_page.object_list)
    context = index_page.get_context(request)
    context.update(
        {
            "filterset": filterset,
            "facets": counted.facets if counted else {},
            "projects_page": projects_page,
            "chart": control_points_chart(projects_page.object_list),
            "at_a_glance": at_a_glance,
        }
    )
    return TemplateResponse(request, "projects/project_index_page.html", context, status=status)
