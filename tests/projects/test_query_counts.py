"""The number of SQL queries for the project pages must not grow with the number of projects."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents import get_document_model

from projects.demo.seeding import bulk_create_projects
from projects.models import SectionLink
from tests.factories import ImageFactory, StandardPageFactory
from tests.projects.factories import (
    BudgetLineFactory,
    ControlPointFactory,
    IndicatorFactory,
    PersonFactory,
    ProjectPageFactory,
)

pytestmark = pytest.mark.django_db

SMALL, LARGE = 10, 300
# What an anonymous visitor's project page may cost, the layout's own queries included.
PUBLIC_PAGE_CEILING = 15
# A passport reads each of its own tables once, whatever their size: indicators, their accepted
# values, control points, the committee's versions, budget lines and section links.
PASSPORT_CEILING = PUBLIC_PAGE_CEILING + 1
PAGES = [
    "/projects/",
    "/projects/?sector=education",
    "/projects/?status=approved&year=2026",
    "/projects/?page=2",
]


def count_queries(client, url):
    client.get(url)  # warm caches shared by every request (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_project_list_uses_the_same_queries_at_10_and_300_projects(client, project_index):
    curator = PersonFactory()
    for number in range(2):
        project = ProjectPageFactory(
            parent=project_index, title=f"А-проект {number}", curator=curator
        )
        ControlPointFactory(page=project)
    bulk_create_projects(project_index, SMALL - 2)
    small = {url: count_queries(client, url) for url in PAGES}
    bulk_create_projects(project_index, LARGE - SMALL)
    large = {url: count_queries(client, url) for url in PAGES}
    assert small == large
    assert max(large.values()) <= PUBLIC_PAGE_CEILING, large


def test_passport_page_queries_are_bounded(client, django_assert_max_num_queries, project_index):
    person = PersonFactory(photo=ImageFactory())
    project = ProjectPageFactory(
        parent=project_index,
        curator=person,
        head=PersonFactory(photo=ImageFactory()),
        administrator=person,
    )
    for number in range(6):
        ControlPointFactory(page=project)
        IndicatorFactory(page=project)
        BudgetLineFactory(page=project, year=2026 + number % 3)
    client.get(project.url)
    with django_assert_max_num_queries(PASSPORT_CEILING):
        assert client.get(project.url).status_code == 200


def passport_with_everything(project_index):
    """A passport with its whole team (with photos), a document, tables and portal sections."""
    curator = PersonFactory(photo=ImageFactory())
    document = get_document_model().objects.create(
        title="Паспорт", file=ContentFile(b"%PDF-1.4 test", name="passport.pdf")
    )
    project = ProjectPageFactory(
        parent=project_index,
        curator=curator,
        head=PersonFactory(photo=ImageFactory()),
        administrator=PersonFactory(photo=ImageFactory()),
        passport_document=document,
    )
    for number in range(6):
        ControlPointFactory(page=project)
        IndicatorFactory(page=project)
        BudgetLineFactory(page=project, year=2026 + number % 3)
    for number, section in enumerate(["shelter", "calendar"]):
        linked_page = StandardPageFactory(parent=project_index.get_parent(), slug=section)
        SectionLink.objects.create(page=project, linked_page=linked_page, sort_order=number)
    return project


def test_project_index_for_a_visitor_at_3_and_30_projects(
    client, django_assert_max_num_queries, project_index
):
    passport_with_everything(project_index)
    bulk_create_projects(project_index, 2, curator_ids=(PersonFactory().pk,))
    small = count_queries(client, "/projects/")
    bulk_create_projects(project_index, 27, curator_ids=(PersonFactory().pk,))
    with django_assert_max_num_queries(PUBLIC_PAGE_CEILING):
        assert client.get("/projects/").status_code == 200
    assert count_queries(client, "/projects/") == small


def test_passport_for_a_visitor_at_3_and_30_projects(
    client, django_assert_max_num_queries, project_index
):
    project = passport_with_everything(project_index)
    bulk_create_projects(project_index, 2)
    small = count_queries(client, project.url)
    bulk_create_projects(project_index, 27)
    with django_assert_max_num_queries(PASSPORT_CEILING):
        assert client.get(project.url).status_code == 200
    assert count_queries(client, project.url) == small


def add_history(project, versions, reports):
    """Committee versions (each meeting with its protocol PDF) and accepted control points."""
    from projects.models import CommitteeDecision, PassportVersion, ReportState
    from projects.passport_versions import plan_of
    from tests.projects.factories import CommitteeMeetingFactory, ControlPointReportFactory

    plan = plan_of(project)
    start = project.passport_versions.count()
    for number in range(start + 1, start + versions + 1):
        protocol = get_document_model().objects.create(
            title=f"Протокол {number}", file=ContentFile(b"%PDF-1.4", name=f"p{number}.pdf")
        )
        meeting = CommitteeMeetingFactory(protocol=protocol)
        decision = CommitteeDecision.objects.create(
            meeting=meeting, project=project, kind="change", reason="Сроки"
        )
        plan = dict(plan, end_on=f"{2027 + number}-12-31")
        PassportVersion.objects.create(
            project=project,
            number=number,
            decision=decision,
            approved_on=meeting.held_on,
            plan=plan,
        )
    for _number in range(reports):
        ControlPointReportFactory(
            control_point=ControlPointFactory(page=project, actual_on="2026-11-20"),
            state=ReportState.ACCEPTED,
        )


# Once a control point is reached, «История паспорта» also reads the accepted reports, once.
HISTORY_CEILING = PASSPORT_CEILING + 1


def test_passport_history_costs_the_same_at_1_and_6_versions(
    client, django_assert_max_num_queries, project_index
):
    project = passport_with_everything(project_index)
    add_history(project, versions=1, reports=1)
    small = count_queries(client, project.url)
    add_history(project, versions=5, reports=5)
    with django_assert_max_num_queries(HISTORY_CEILING):
        response = client.get(project.url)
    assert "Версия 6" in response.content.decode()
    assert count_queries(client, project.url) == small


def add_indicators_with_facts(projects):
    """Each project gets two indicators with an accepted, a pending and a returned value."""
    from tests.projects.factories import IndicatorFactFactory

    for project in projects:
        for _number in range(2):
            indicator = IndicatorFactory(page_id=project.pk, targets="2025: 15; 2026: 20")
            for year, state in ((2025, "accepted"), (2026, "pending"), (2026, "returned")):
                IndicatorFactFactory(
                    indicator=indicator, project_id=project.pk, year=year, state=state
                )


def test_project_list_with_assessments_at_3_and_30_projects(
    client, django_assert_max_num_queries, project_index
):
    """Each card's colour (projects.status) reads indicators and facts once for the page."""
    add_indicators_with_facts(bulk_create_projects(project_index, 3))
    small = {url: count_queries(client, url) for url in PAGES}
    add_indicators_with_facts(bulk_create_projects(project_index, 27))
    large = {url: count_queries(client, url) for url in PAGES}
    assert small == large
    assert max(large.values()) <= PUBLIC_PAGE_CEILING, large
    assert "Как считается статус" in client.get("/projects/").content.decode()


def test_passport_with_indicator_facts_is_bounded(
    client, django_assert_max_num_queries, project_index
):
    project = passport_with_everything(project_index)
    add_indicators_with_facts([project])
    small = count_queries(client, project.url)
    add_indicators_with_facts([project, project])
    assert count_queries(client, project.url) == small
    with django_assert_max_num_queries(PASSPORT_CEILING):
        assert client.get(project.url).status_code == 200
