"""The municipal projects as an open-data set (also as OC4IDS): published passports only.

A project's passport page is public once it is live, not restricted and not under an unpublished
section; drafts and unpublished passports are in no file.
"""

import datetime
from html import unescape

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Prefetch, Sum
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.models import PageLogEntry

from portal.opendata import oc4ids
from portal.opendata.declaration import Dataset, Field, FieldType, latest
from portal.pages import without_unpublished_branches
from portal.public_url import absolute
from projects.models import BudgetLine, ProjectPage, ProjectStatus, Sector

OPENED_ON = datetime.date(2026, 12, 1)
T = FieldType


def public_projects():
    projects = without_unpublished_branches(ProjectPage.objects.live().public())
    return (
        projects.select_related("curator", "head", "administrator", "passport_document")
        .annotate(budget_total=Sum("budget_lines__amount"))
        .order_by("title", "pk")
    )


def plain(html):
    """Rich text as plain text: tags taken out, entities read."""
    return unescape(strip_tags(html or "")).strip()


def _name(person):
    return person.name if person is not None else None


def _document_url(project):
    document = project.passport_document
    return absolute(document.url) if document is not None else None


def project_rows():
    for project in public_projects():
        yield {
            "id": project.pk,
            "title": project.title,
            "short_name": project.short_name,
            "sector": project.get_sector_display(),
            "status": project.get_status_display(),
            "curator": _name(project.curator),
            "head": _name(project.head),
            "administrator": _name(project.administrator),
            "decision_on": project.decision_on,
            "protocol_number": project.protocol_number,
            "start_on": project.start_on,
            "end_on": project.end_on,
            "goals": plain(project.goals),
            "results": plain(project.results),
            "budget": project.budget_total,
            "passport_document_url": _document_url(project),
            "url": absolute(project.url),
            "last_published_at": project.last_published_at,
        }


def projects_changed():
    """The latest publication of a passport, or the latest thing done to one that the admin
    logged (an unpublication, a move, a deletion)."""
    logged = PageLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ProjectPage)
    )
    return latest(
        ProjectPage.objects.aggregate(at=Max("last_published_at"))["at"],
        logged.aggregate(at=Max("timestamp"))["at"],
    )


# OC4IDS projectSector (open codelist) and projectStatus (closed: a suspended project has none).
SECTORS = {
    Sector.EDUCATION: ["education"],
    Sector.YOUTH_POLICY: ["education"],
    Sector.CONSUMER_MARKET: ["economy"],
    Sector.ECOLOGY_AGRICULTURE: ["economy", "naturalResources"],
    Sector.MUNICIPAL_SERVICE: ["governance"],
    Sector.CIVIL_SOCIETY: ["governance"],
    Sector.URBAN_DEVELOPMENT: ["cultureSportsAndRecreation"],
    Sector.CULTURE: ["cultureSportsAndRecreation"],
    Sector.SPORT: ["cultureSportsAndRecreation"],
    Sector.HEALTHCARE: ["health"],
}
STATUSES = {
    ProjectStatus.PROPOSAL: "identification",
    ProjectStatus.APPROVED: "preparation",
    ProjectStatus.IN_PROGRESS: "implementation",
    ProjectStatus.COMPLETED: "completed",
}


def project_packages_projects():
    """Each passport as an OC4IDS project: its period, sector, budget by source and year (the
    passport's thousands of roubles in roubles), the page and the passport document."""
    lines = Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("year", "sort_order"))
    result = []
    for project in public_projects().prefetch_related(lines):
        item = {
            "id": f"{PROJECTS.identifier}-{project.pk}",
            "title": project.title,
            "description": plain(project.goals) or project.short_name,
            "sector": SECTORS[Sector(project.sector)],
            "parties": [oc4ids.owner_party()],
            "documents": _documents(project),
        }
        if project.last_published_at:
            item["updated"] = oc4ids.moment(project.last_published_at)
        if project.status in STATUSES:
            item["status"] = STATUSES[ProjectStatus(project.status)]
        if project.start_on or project.end_on:
            item["period"] = oc4ids.period(project.start_on, project.end_on)
        if project.budget_total is not None:
            item["budget"] = {
                "amount": oc4ids.money(project.budget_total * 1000),
                "budgetBreakdown": [_budget_line(line) for line in project.budget_lines.all()],
            }
        result.append(item)
    return result


def _budget_line(line):
    return {
        "id": str(line.pk),
        "description": f"{line.get_source_display()}, {line.year}",
        "amount": oc4ids.money(line.amount * 1000),
        "period": oc4ids.period(datetime.date(line.year, 1, 1), datetime.date(line.year, 12, 31)),
    }


def _documents(project):
    documents = [oc4ids.web_page("page", project.title, project.url)]
    if project.passport_document is not None:
        documents.append(
            {
                "id": "passport",
                "documentType": "projectScope",
                "title": project.passport_document.title,
                "url": _document_url(project),
                "format": "application/pdf",
            }
        )
    return documents


PROJECTS = Dataset(
    code="municipal-projects",
    title=_("Municipal projects of Sochi"),
    description=_(
        "Passports of the municipal projects of the Sochi city administration: sector, status, "
        "project team, committee decision, dates, goals, expected results and budget."
    ),
    keywords=_("municipal projects, project management, passport, budget, Sochi"),
    fields=(
        Field("id", _("Number of the passport on the portal"), T.INTEGER),
        Field("title", _("Title of the project")),
        Field("short_name", _("Short name")),
        Field("sector", _("Sector")),
        Field("status", _("Status")),
        Field("curator", _("Curator")),
        Field("head", _("Project head")),
        Field("administrator", _("Project administrator")),
        Field("decision_on", _("Date of the project committee's decision"), T.DATE),
        Field("protocol_number", _("Number of the committee's protocol")),
        Field("start_on", _("Start date"), T.DATE),
        Field("end_on", _("End date"), T.DATE),
        Field("goals", _("Goals")),
        Field("results", _("Expected results")),
        Field("budget", _("Budget, thousand roubles (all sources and years)"), T.FLOAT),
        Field("passport_document_url", _("Passport document (PDF)"), T.URL),
        Field("url", _("Page of the project on the portal"), T.URL),
        Field("last_published_at", _("Last publication of the passport"), T.DATETIME),
    ),
    rows=project_rows,
    last_changed=projects_changed,
    created=OPENED_ON,
    structure_version=OPENED_ON,
    oc4ids=project_packages_projects,
)

DATASETS = (PROJECTS,)
