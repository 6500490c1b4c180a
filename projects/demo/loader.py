"""Demo content of the projects section, loaded after the other sections: its passports link
to their real pages.

Idempotent: the section's placeholder page is replaced once by the project index; people are
matched by name and projects by slug, so a second run creates nothing.
"""

import html
from decimal import Decimal

from django.db import transaction

from portal.sections import ensure_section_page
from projects.demo.committee import ensure_committee
from projects.demo.content import APPROVED, DECISION_ON, PEOPLE, PROPOSALS, PROTOCOL
from projects.demo.teams import ensure_teams
from projects.models import (
    BudgetLine,
    ControlPoint,
    Indicator,
    Person,
    ProjectIndexPage,
    ProjectPage,
    ProjectStatus,
    SectionLink,
)

# The passports link to other sections' pages: load after those sections have their real pages.
LINKS_OTHER_SECTIONS = True
SLUG = "projects"
TITLE = "Муниципальные проекты"
INTRO = (
    "Паспорта муниципальных проектов Сочи: цели, показатели, контрольные точки и бюджет. "
    "Проектный комитет утвердил первые 10 проектов; всего их запланировано 33."
)
PROPOSAL_GOALS = (
    "Предложение внесено в проектный комитет. Паспорт проекта, показатели и бюджет будут "
    "опубликованы после его рассмотрения."
)


@transaction.atomic
def load_demo(home, note) -> None:
    index = ensure_section_page(home, ProjectIndexPage, note, slug=SLUG, title=TITLE, intro=INTRO)
    people = ensure_people(note)
    existing = set(ProjectPage.objects.child_of(index).values_list("slug", flat=True))
    for passport in APPROVED:
        if passport["slug"] not in existing:
            add_approved(index, passport, people, home)
            note(f"project «{passport['title']}»")
    for slug, title, sector in PROPOSALS:
        if slug not in existing:
            page = ProjectPage(
                title=title,
                slug=slug,
                short_name=title,
                sector=sector,
                status=ProjectStatus.PROPOSAL,
                goals=f"<p>{html.escape(PROPOSAL_GOALS)}</p>",
            )
            index.add_child(instance=page)
            page.save_revision().publish()
            note(f"project proposal «{title}»")
    ensure_teams(index, note)
    ensure_committee(index, note)


def ensure_people(note):
    people = {}
    for key, (name, position) in PEOPLE.items():
        person, created = Person.objects.get_or_create(name=name, defaults={"position": position})
        if created:
            note(f"person «{name}»")
        people[key] = person
    return people


def add_approved(index, passport, people, home):
    curator, head, administrator = (people[key] for key in passport["team"])
    start_on, end_on = passport["period"]
    page = ProjectPage(
        title=passport["title"],
        slug=passport["slug"],
        short_name=passport["short_name"],
        sector=passport["sector"],
        status=passport["status"],
        curator=curator,
        head=head,
        administrator=administrator,
        decision_on=DECISION_ON,
        protocol_number=PROTOCOL,
        start_on=start_on,
        end_on=end_on,
        goals=f"<p>{html.escape(passport['goals'])}</p>",
        results=f"<p>{html.escape(passport['results'])}</p>",
    )
    page.indicators = [
        Indicator(
            name=name,
            unit=unit,
            baseline_value=Decimal(str(baseline)),
            baseline_year=year,
            actual_value=None if actual is None else Decimal(str(actual)),
            targets=targets,
        )
        for name, unit, baseline, year, actual, targets in passport["indicators"]
    ]
    page.control_points = [
        ControlPoint(title=title, planned_on=planned, forecast_on=forecast, actual_on=actual)
        for title, planned, forecast, actual in passport["points"]
    ]
    page.budget_lines = [
        BudgetLine(source=source, year=year, amount=Decimal(amount))
        for source, year, amount in passport["budget"]
    ]
    page.section_links = [
        SectionLink(linked_page=linked, label=label)
        for slug, label in passport.get("links", [])
        for linked in home.get_children().filter(slug=slug)[:1]
    ]
    index.add_child(instance=page)
    page.save_revision().publish()
