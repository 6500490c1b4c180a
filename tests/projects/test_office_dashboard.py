"""The project office's dashboard: every project with its colour, filters, exports, queries."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.contrib.auth.models import Group

from portal import roles
from projects.demo.seeding import bulk_create_projects
from projects.models import ProjectStatus, ReportState, Sector
from tests.projects.factories import (
    ControlPointFactory,
    ControlPointReportFactory,
    IndicatorFactFactory,
    IndicatorFactory,
    PersonFactory,
    ProjectPageFactory,
)

pytestmark = pytest.mark.django_db

NOON_IN_SOCHI = datetime.datetime(
    2027, 3, 1, 12, tzinfo=datetime.timezone(datetime.timedelta(hours=3))
)
URL = "/admin/projects/office/"


@pytest.fixture
def office_client(client, django_user_model, project_index):
    user = django_user_model.objects.create_user(username="office", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.PROJECT_OFFICE))
    with time_machine.travel(NOON_IN_SOCHI, tick=False):
        client.force_login(user)
        yield client


@pytest.fixture
def board(project_index):
    """Three projects, one of each colour, and a proposal not evaluated."""
    ivanova, petrov = PersonFactory(name="Иванова Анна"), PersonFactory(name="Петров Олег")
    green = ProjectPageFactory(
        parent=project_index, title="Зелёная школа", curator=ivanova, sector=Sector.EDUCATION
    )
    IndicatorFactFactory(
        indicator=IndicatorFactory(page=green), year=2026, value=20, state=ReportState.ACCEPTED
    )
    amber = ProjectPageFactory(
        parent=project_index,
        title="=Жёлтый парк",  # a spreadsheet must not read it as a formula
        curator=petrov,
        sector=Sector.URBAN_DEVELOPMENT,
        status=ProjectStatus.IN_PROGRESS,
    )
    ControlPointFactory(page=amber, title="Проект парка", planned_on=datetime.date(2027, 2, 14))
    red = ProjectPageFactory(
        parent=project_index, title="Красный стадион", curator=petrov, sector=Sector.SPORT
    )
    indicator = IndicatorFactory(page=red, name="Секций")
    IndicatorFactFactory(indicator=indicator, year=2026, value=Decimal("16.5"), state="accepted")
    point = ControlPointFactory(page=red, planned_on=datetime.date(2027, 5, 1))
    ControlPointReportFactory(control_point=point)
    IndicatorFactFactory(indicator=indicator, year=2027, value=25)  # pending
    ProjectPageFactory(
        parent=project_index, title="Предложение", curator=ivanova, status=ProjectStatus.PROPOSAL
    )
    return {"green": green, "amber": amber, "red": red, "ivanova": ivanova, "petrov": petrov}


def rows_of(response):
    return response.context["board"].rows


def test_the_dashboard_shows_each_project_with_its_colour_and_reasons(office_client, board):
    response = office_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    titles = [project.title for project in rows_of(response)]
    assert titles == ["=Жёлтый парк", "Зелёная школа", "Красный стадион", "Предложение"]
    red = board["red"]
    assert f'href="/admin/pages/{red.pk}/edit/"' in html
    assert f'href="{red.url}"' in html
    assert "Отстаёт" in html and "Есть риски" in html and "По плану" in html
    assert "Не оценивается" in html
    assert "«Секций» в 2026 году: 65 % от плана." in html
    assert "Контрольная точка «Проект парка» просрочена на 15 дней." in html
    by_title = {project.title: project for project in rows_of(response)}
    assert by_title["Красный стадион"].pending_reports == 2
    assert by_title["Красный стадион"].health.worst_percent == 65
    assert by_title["=Жёлтый парк"].health.overdue_points == 1
    assert by_title["Зелёная школа"].health.worst_percent == 100


def test_counts_by_colour_are_at_the_top(office_client, board):
    counts = {value: count for value, _label, count, _fill in rows_counts(office_client)}
    assert counts == {"green": 1, "amber": 1, "red": 1, "none": 1}


def rows_counts(client, query=""):
    return client.get(URL + query).context["board"].counts


def test_filter_by_sector(office_client, board):
    response = office_client.get(URL, {"sector": Sector.SPORT})
    assert [p.title for p in rows_of(response)] == ["Красный стадион"]


def test_filter_by_curator(office_client, board):
    response = office_client.get(URL, {"curator": board["petrov"].pk})
    assert [p.title for p in rows_of(response)] == ["=Жёлтый парк", "Красный стадион"]


@pytest.mark.parametrize(
    ("colour", "title"),
    [
        ("green", "Зелёная школа"),
        ("amber", "=Жёлтый парк"),
        ("red", "Красный стадион"),
        ("none", "Предложение"),
    ],
)
def test_filter_by_colour(office_client, board, colour, title):
    response = office_client.get(URL, {"colour": colour})
    assert [p.title for p in rows_of(response)] == [title]
    # The counts stay those of every colour, to switch between them.
    assert sum(count for _v, _l, count, _f in response.context["board"].counts) == 4


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"sector": "space"}, "Такой отрасли нет"),
        ({"curator": "abc"}, "Такого куратора нет"),
        ({"curator": "999999"}, "Такого куратора нет"),
        ({"curator": "9" * 30}, "Такого куратора нет"),
        ({"curator": "1\x00"}, "запрещённый символ"),
        ({"colour": "purple"}, "Такой оценки нет"),
    ],
)
def test_a_bad_filter_answers_400_in_russian(office_client, board, query, message):
    response = office_client.get(URL, query)
    assert response.status_code == 400
    assert message in response.content.decode()
    for export in ("export.csv", "export.xlsx"):
        response = office_client.get(URL + export, query)
        assert response.status_code == 400
        assert message in response.content.decode()


def test_csv_export_has_the_filtered_rows_and_no_formulas(office_client, board):
    response = office_client.get(URL + "export.csv", {"curator": board["petrov"].pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:5] == ["Проект", "Отрасль", "Куратор", "Статус проекта", "Оценка"]
    assert [row[0] for row in rows[1:]] == ["'=Жёлтый парк", "Красный стадион"]
    red = rows[2]
    assert red[4] == "Отстаёт"
    assert "«Секций» в 2026 году: 65 % от плана." in red[5]
    assert red[6:9] == ["0", "2", "65"]
    assert red[9:] == ["01.03.2026", "31.12.2027"]


def test_xlsx_export_has_a_russian_header_and_real_dates(office_client, board):
    response = office_client.get(URL + "export.xlsx", {"colour": "red"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Проект" and rows[0][8] == "Худшее достижение показателя, %"
    assert len(rows) == 2
    assert rows[1][0] == "Красный стадион"
    assert rows[1][4] == "Отстаёт"
    assert rows[1][6:9] == (0, 2, 65)
    assert rows[1][9] == datetime.datetime(2026, 3, 1)
    assert sheet.cell(row=2, column=10).is_date


def test_xlsx_export_keeps_formula_like_titles_as_text(office_client, board):
    response = office_client.get(URL + "export.xlsx", {"colour": "amber"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=1).data_type == "s"
    assert sheet.cell(row=2, column=1).value == "'=Жёлтый парк"


def test_queries_do_not_grow_from_3_to_30_projects(
    office_client, project_index, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    curator = PersonFactory()
    projects = bulk_create_projects(project_index, 3, curator_ids=(curator.pk,))

    def add_reports(projects):
        for project in projects:
            indicator = IndicatorFactory(page_id=project.pk)
            IndicatorFactFactory(indicator=indicator, project_id=project.pk, state="accepted")
            IndicatorFactFactory(indicator=indicator, project_id=project.pk, year=2027)

    add_reports(projects)

    def count():
        office_client.get(URL)
        with CaptureQueriesContext(connection) as queries:
            assert office_client.get(URL).status_code == 200
        return len(queries)

    small = count()
    add_reports(bulk_create_projects(project_index, 27, curator_ids=(curator.pk,)))
    with django_assert_max_num_queries(small):
        office_client.get(URL)
    assert count() == small
    for export in ("export.csv", "export.xlsx"):
        with django_assert_max_num_queries(small):
            assert office_client.get(URL + export).status_code == 200


@pytest.mark.parametrize("group_name", [roles.PROJECT_TEAM, roles.MODERATORS])
def test_other_staff_may_not_open_it(client, django_user_model, project_index, group_name):
    user = django_user_model.objects.create_user(username="other", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    for path in ("", "export.csv", "export.xlsx"):
        assert client.get(URL + path).status_code in (302, 403)
    assert "Проектный офис" not in client.get("/admin/").content.decode()


def test_the_menu_offers_it_to_the_project_office(office_client, board):
    html = office_client.get("/admin/").content.decode()
    assert URL in html
