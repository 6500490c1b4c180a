"""Staff groups and what each may do, created idempotently after every migrate and by load_demo.

A group sees and edits only its own area: page permissions are granted on the section pages it
owns (portal.sections), model permissions only on its own models. Publishing is the moderators'
job: every page change goes through the "Модерация публикаций" workflow.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from portal.sections import SECTIONS

EDITORS = "Редакторы"
MODERATORS = "Модераторы"
PROJECT_OFFICE = "Проектный офис"
SHELTER = "Приют"
CONSUMER_MARKET = "Потребительский рынок"
CONTEST = "Конкурс ТОС"
JURY = "Жюри конкурса ТОС"
PROJECT_TEAM = "Команды проектов"
STAFF_GROUPS = [
    EDITORS,
    MODERATORS,
    PROJECT_OFFICE,
    PROJECT_TEAM,
    SHELTER,
    CONSUMER_MARKET,
    CONTEST,
    JURY,
]

WORKFLOW_NAME = "Модерация публикаций"
TASK_NAME = "Одобрение модератором"

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
# Apps whose models (snippets, admin viewsets) a group owns: every permission of those models.
APP_AREAS = {
    MODERATORS: ["discussion"],  # the comment queue
    PROJECT_OFFICE: ["projects", "calendar_pages"],
    SHELTER: ["shelter"],
    CONSUMER_MARKET: ["producers"],
    CONTEST: ["contest"],
}
# The jury has no area: only its desk (contest.views.jury). Scoring is the jury's alone, so the
# contest app's area does not carry it.
JURY_PERMISSIONS = [("contest", "score_entries")]
# Project teams report on their own projects only (projects.team checks which); the project
# office reviews the reports and does not report itself.
PROJECT_TEAM_PERMISSIONS = [("projects", "report_progress")]
EXCLUDED_FROM_AREAS = {"score_entries", "report_progress"}
SECTION_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
MODERATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
# Groups made by Wagtail's own migrations; ours replace them.
WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permission(codename):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def _grant_page(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_page_permission(codename)
        )


def home_page():
    """The root of the public site: the first child of Wagtail's tree root."""
    return Page.get_first_root_node().get_first_child()


def ensure_roles():
    """Create or update the staff groups, their permissions and the moderation workflow."""
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in STAFF_GROUPS}
    for name, group in groups.items():
        wanted = [_permission(*ADMIN_ACCESS)]
        wanted += [_permission(app, codename) for app, codename in MEDIA_PERMISSIONS]
        wanted += Permission.objects.filter(
            content_type__app_label__in=APP_AREAS.get(name, [])
        ).exclude(codename__in=EXCLUDED_FROM_AREAS)
        group.permissions.add(*wanted)
    groups[JURY].permissions.add(*[_permission(*perm) for perm in JURY_PERMISSIONS])
    groups[PROJECT_TEAM].permissions.add(*[_permission(*perm) for perm in PROJECT_TEAM_PERMISSIONS])

    home = home_page()
    if home is None:
        return groups
    _grant_page(groups[MODERATORS], home, MODERATOR_PAGE_PERMISSIONS)
    for section in SECTIONS:
        page = home.get_children().filter(slug=section.slug).first()
        if page is not None:
            _grant_page(groups[section.group], page, SECTION_PAGE_PERMISSIONS)

    _ensure_workflow(groups[MODERATORS])
    return groups


def _ensure_workflow(moderators):
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.set([moderators])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=Task.objects.get(pk=task.pk), sort_order=0
    )
    root = Page.get_first_root_node()
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})


def ensure_roles_after_migrate(sender, app_config=None, **kwargs):
    # post_migrate fires once per app; run after the last one, when every permission exists.
    if app_config is not None and app_config is list(apps.get_app_configs())[-1]:
        ensure_roles()
