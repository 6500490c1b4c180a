"""Who may report on which project, in one place.

A staff account reports on a project when its `Person` (Person.user) is the project's
administrator or head and it holds `projects.report_progress` (the «Команды проектов» group);
superusers may report on any project. Someone else's project is a 404, so ids do not leak.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from projects.models import ProjectPage

REPORT = "projects.report_progress"
REVIEW = "projects.review_reports"


def reportable_projects(user):
    """The projects `user` may report on, by title."""
    projects = ProjectPage.objects.order_by("title", "pk")
    if not user.is_authenticated or not user.is_active:
        return projects.none()
    if user.is_superuser:
        return projects
    if not user.has_perm(REPORT):
        return projects.none()
    return projects.filter(Q(administrator__user=user) | Q(head__user=user))


def team_project_or_404(user, project_id):
    return get_object_or_404(reportable_projects(user), pk=project_id)


def may_see_evidence(user, project_id):
    """The project's team and the project office see a report's evidence."""
    if user.has_perm(REVIEW):
        return True
    return reportable_projects(user).filter(pk=project_id).exists()
