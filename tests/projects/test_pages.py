"""Project index and passport pages: tree rules, filters, counts, rendering."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage
from projects.models import ControlPoint, ProjectIndexPage, ProjectPage, ProjectStatus, SectionLink
from tests.factories import StandardPageFactory
from tests.projects.factories import (
    BudgetLineFactory,
    ControlPointFactory,
    IndicatorFactory,
    PersonFactory,
    ProjectPageFactory,
)

pytestmark = pytest.mark.django_db

NOON_IN_SOCHI = datetime.datetime(
    2026, 11, 26, 12, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=3))
)


class TestPageTreeRules(WagtailPageTestCase):
    def test_projects_live_only_in_the_project_index(self):
        self.assertAllowedParentPageTypes(ProjectPage, {ProjectIndexPage})
        self.assertAllowedSubpageTypes(ProjectIndexPage, {ProjectPage})
        self.assertAllowedSubpageTypes(ProjectPage, {})

    def test_the_index_sits_under_the_home_page_only(self):
        self.assertAllowedParentPageTypes(ProjectIndexPage, {HomePage})
        self.assertCanCreateAt(HomePage, ProjectIndexPage)
        self.assertCanNotCreateAt(StandardPage, ProjectIndexPage)
        self.assertCanNotCreateAt(HomePage, ProjectPage)


def test_there_is_only_one_project_index(project_index, home):
    assert not ProjectIndexPage.can_create_at(home)


class TestProjectList:
    def test_lists_live_projects_by_name_with_counts_at_a_glance(self, client, project_index):
        ProjectPageFactory(parent=project_index, title="Явь", status=ProjectStatus.IN_PROGRESS)
        ProjectPageFactory(parent=project_index, title="Альфа", status=ProjectStatus.APPROVED)
        ProjectPageFactory(parent=project_index, title="Бета", status=ProjectStatus.PROPOSAL)
        ProjectPageFactory(parent=project_index, title="Черновик", live=False)
        response = client.get("/projects/")
        html = response.content.decode()
        assert response.status_code == 200
        assert html.index("Альфа") < html.index("Бета") < html.index("Явь")
        assert "Черновик" not in html
        assert response.context["at_a_glance"] == {"total": 3, "approved": 2}

    def test_counts_read_as_russian_with_plurals(self, client, project_index):
        for number in range(33):
            status = ProjectStatus.APPROVED if number < 10 else ProjectStatus.PROPOSAL
            ProjectPageFactory(parent=project_index, status=status)
        html = client.get("/projects/").content.decode()
        assert "33 проекта запланировано, 10 утверждено" in html

    def test_paginates_and_keeps_filters_in_page_links(self, client, project_index, settings):
        settings.PORTAL_PAGE_SIZE = 2
        for number in range(5):
            ProjectPageFactory(parent=project_index, title=f"Спорт {number}", sector="sport")
        first = client.get("/projects/?sector=sport").content.decode()
        assert "?sector=sport&amp;page=2" in first
        third = client.get("/projects/?sector=sport&page=3").content.decode()
        assert "Спорт 4" in third and "Спорт 0" not in third

    def test_filters_by_sector_and_status(self, client, project_index):
        ProjectPageFactory(parent=project_index, title="Школа", sector="education")
        ProjectPageFactory(
            parent=project_index, title="Стадион", sector="sport", status=ProjectStatus.PROPOSAL
        )
        ProjectPageFactory(parent=project_index, title="Бассейн", sector="sport")
        html = client.get("/projects/?sector=sport&status=proposal").content.decode()
        assert "Стадион" in html and "Бассейн" not in html and "Школа" not in html
        assert 'type="radio" name="sector" value="sport" checked' in html
        assert 'type="radio" name="status" value="proposal" checked' in html

    def test_year_filter_keeps_projects_active_in_that_year(self, client, project_index):
        def project(title, start, end):
            ProjectPageFactory(
                parent=project_index,
                title=title,
                start_on=datetime.date(start, 1, 1),
                end_on=end and datetime.date(end, 12, 31),
            )

        project("Прошедший", 2023, 2025)
        project("Идущий", 2025, 2027)
        project("Начнётся в этом году", 2027, 2028)
        project("Бессрочный", 2024, None)
        project("Будущий", 2028, 2029)
        titles = [p.title for p in client.get("/projects/?year=2027").context["projects_page"]]
        assert sorted(titles) == ["Бессрочный", "Идущий", "Начнётся в этом году"]

    @pytest.mark.parametrize(
        "query", ["sector=astronomy", "status=dreaming", "year=двадцать", "year=99999"]
    )
    def test_bad_filter_values_are_a_russian_400(self, client, project_index, query):
        ProjectPageFactory(parent=project_index, title="Какой-то проект")
        response = client.get(f"/projects/?{query}")
        html = response.content.decode()
        assert response.status_code == 400
        assert "Не удалось применить фильтр" in html
        assert "Какой-то проект" not in html

    def test_control_points_are_drawn_as_bars_with_text_labels(self, client, project_index):
        project = ProjectPageFactory(parent=project_index, short_name="Парки")
        ControlPointFactory(
            page=project, planned_on=datetime.date(2026, 1, 1), actual_on=datetime.date(2026, 1, 2)
        )
        ControlPointFactory(page=project, planned_on=datetime.date(2026, 11, 1))
        ControlPointFactory(page=project, planned_on=datetime.date(2026, 12, 1))
        ControlPointFactory(page=project, planned_on=datetime.date(2027, 6, 1))
        with time_machine.travel(NOON_IN_SOCHI, tick=False):
            response = client.get("/projects/")
        html = response.content.decode()
        # The label is text (it keeps its size on a phone); each bar is an image named by its
        # counts, drawn with presentation attributes only (strict CSP: no style=).
        row = html[html.index('<li class="bar-chart__row">') :]
        row = row[: row.index("</li>")]
        assert '<span class="bar-chart__label">Парки</span>' in row
        assert (
            'role="img" aria-label="выполнена 1, скоро срок 1, просрочена 1, запланирован 1"' in row
        )
        assert '<span class="bar-chart__value">4</span>' in row
        assert "style=" not in row
        row = response.context["chart"].rows[0]
        assert [label_count[1] for label_count in row.cells] == [1, 1, 1, 1]
        # Four equal segments of the bar, placed one after another; the table repeats the numbers.
        assert [segment.width for segment in row.segments] == [95.0] * 4
        assert "<table>" in html and "<td>1</td><td>1</td><td>1</td><td>1</td><td>4</td>" in html


class TestPassport:
    @pytest.fixture
    def passport(self, project_index):
        document = get_document_model().objects.create(
            title="Паспорт проекта «Парки»", file=ContentFile(b"%PDF-1.4 test", name="passport.pdf")
        )
        project = ProjectPageFactory(
            parent=project_index,
            title="Парки и скверы Сочи",
            short_name="Парки",
            sector="urban-development",
            curator=PersonFactory(name="Анна Кураторова", position="Заместитель главы"),
            decision_on=datetime.date(2026, 2, 18),
            protocol_number="1-ПК",
            start_on=datetime.date(2026, 3, 1),
            end_on=datetime.date(2028, 12, 31),
            passport_document=document,
        )
        IndicatorFactory(page=project, name="Новые скверы", targets="2026: 3; 2027: 7,5")
        IndicatorFactory(page=project, name="Высаженные деревья", targets="2028: 1000")
        BudgetLineFactory(page=project, source="regional", year=2026, amount=Decimal("1000"))
        BudgetLineFactory(page=project, source="city", year=2026, amount=Decimal("250.5"))
        BudgetLineFactory(page=project, source="city", year=2027, amount=Decimal("14000"))
        ControlPointFactory(
            page=project,
            title="Проект сквера готов",
            planned_on=datetime.date(2026, 5, 1),
            actual_on=datetime.date(2026, 4, 20),
        )
        ControlPointFactory(
            page=project, title="Сквер открыт", planned_on=datetime.date(2026, 11, 16)
        )
        ControlPointFactory(
            page=project, title="Деревья высажены", planned_on=datetime.date(2027, 4, 1)
        )
        shelter = StandardPageFactory(
            parent=project_index.get_parent(), slug="shelter", title="Приют"
        )
        SectionLink.objects.create(
            page=project, linked_page=shelter, label="Каталог приюта", sort_order=0
        )
        return project

    def render(self, client, passport):
        with time_machine.travel(NOON_IN_SOCHI, tick=False):
            response = client.get(passport.url)
        assert response.status_code == 200
        return response

    def test_shows_dates_team_documents_and_links(self, client, passport):
        html = self.render(client, passport).content.decode()
        assert "18 февраля 2026" in html and "1-ПК" in html
        assert "1 марта 2026" in html and "31 декабря 2028" in html
        assert "Анна Кураторова" in html
        assert 'href="/documents/' in html and "passport.pdf" in html
        assert 'href="/shelter/">Каталог приюта</a>' in html

    def test_budget_table_has_totals_per_year_and_source(self, client, passport):
        budget = self.render(client, passport).context["budget"]
        assert budget.year_totals == [Decimal("1250.5"), Decimal("14000")]
        assert budget.total == Decimal("15250.5")
        html = client.get(passport.url).content.decode()
        # Russian number format: non-breaking space between thousands, comma before decimals.
        assert "<td>1\xa0250,5</td><td>14\xa0000,0</td><td>15\xa0250,5</td>" in html

    def test_indicators_table_has_a_column_per_target_year(self, client, passport):
        response = self.render(client, passport)
        assert response.context["target_years"] == [2026, 2027, 2028]
        rows = dict(
            (indicator.name, targets) for indicator, targets in response.context["indicators"]
        )
        assert rows["Новые скверы"] == [Decimal(3), Decimal("7.5"), None]
        html = response.content.decode()
        assert "<td>3</td><td>7,5</td><td>—</td>" in html
        assert "<td>—</td><td>—</td><td>1\xa0000</td>" in html

    def test_control_points_are_an_ordered_timeline_flagging_overdue_in_words(
        self, client, passport
    ):
        html = self.render(client, passport).content.decode()
        start = html.index('<ol class="timeline">')
        timeline = html[start : html.index("</ol>", start)]
        assert timeline.index("Проект сквера готов") < timeline.index("Сквер открыт")
        assert "timeline__item--done" in timeline and "timeline__item--planned" in timeline
        assert "timeline__item--overdue" in timeline
        assert "Просрочено на 10 дней" in timeline

    def test_a_non_pdf_passport_document_is_rejected(self, passport):
        passport.passport_document.file = ContentFile(b"text", name="passport.docx")
        passport.passport_document.save()
        with pytest.raises(Exception, match="PDF"):
            passport.full_clean()

    def test_draft_section_links_are_not_shown(self, client, passport):
        Page.objects.filter(slug="shelter").update(live=False)
        assert "Каталог приюта" not in self.render(client, passport).content.decode()


def test_control_point_order_follows_the_editor(project_index):
    project = ProjectPageFactory(parent=project_index)
    ControlPointFactory(page=project, title="Вторая", sort_order=2)
    ControlPointFactory(page=project, title="Первая", sort_order=1)
    assert [p.title for p in ControlPoint.objects.filter(page=project)] == ["Первая", "Вторая"]
