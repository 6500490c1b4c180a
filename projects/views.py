from django.db.models import Count
from django.template.response import TemplateResponse

from portal.filtering import filter_or_400
from portal.pagination import paginate
from projects.charts import control_points_chart
from projects.filters import ProjectFilter
from projects.models import ProjectPage, Sector


def project_list(request, index_page):
    """The project index: counts at a glance, filters, a page of projects and their control
    points drawn as a chart; invalid filters answer 400."""
    all_projects = ProjectPage.objects.child_of(index_page).live().public()
    projects = index_page.projects()
    filterset = ProjectFilter(request.GET, queryset=projects)
    projects, status = filter_or_400(filterset)
    projects_page = paginate(request, projects)
    context = index_page.get_context(request)
    context.update(
        {
            "filterset": filterset,
            "projects_page": projects_page,
            "chart": control_points_chart(projects_page.object_list),
            "at_a_glance": all_projects.at_a_glance(),
            "sectors": sectors_with_counts(all_projects),
            "years": all_projects.year_range(),
        }
    )
    return TemplateResponse(request, "projects/project_index_page.html", context, status=status)


def sectors_with_counts(projects):
    """(value, label, count) for each sector that has projects, in one query."""
    counts = dict(
        projects.order_by()
        .values_list("sector")
        .annotate(count=Count("pk"))
        .values_list("sector", "count")
    )
    return [
        (sector.value, sector.label, counts[sector.value])
        for sector in Sector
        if counts.get(sector.value)
    ]
