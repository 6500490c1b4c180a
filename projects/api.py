"""Municipal project passports through the API (/api/v1/projects/): the live, public passports
of the projects section with the project list's filters and option counts
(projects.filters.ProjectFilter), and each passport as its page shows it: goals and results,
indicators with their yearly targets, control points with where each stands, the budget by
source and year, documents and the portal sections of the project. The team only as the page
shows it: role, name, position, photo."""

from django.db.models import Prefetch, prefetch_related_objects
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.api.fields import (
    NULLABLE_URI,
    ChoiceField,
    HTMLField,
    LabelledChoiceSerializer,
    PageAddressField,
    RenditionSerializer,
    page_address,
    rendition,
)
from portal.api.lists import records_viewset
from portal.public_url import absolute
from portal.section_pages import live_index_page
from projects.filters import FACETS, ProjectFilter
from projects.models import (
    BudgetLine,
    ControlPoint,
    FundingSource,
    Indicator,
    ProjectIndexPage,
    ProjectPage,
    SectionLink,
    budget_table,
)

PHOTO_SPEC = "fill-96x96|format-webp"
TEAM = ("curator", "head", "administrator")


class PersonSerializer(serializers.Serializer):
    role = serializers.CharField(help_text="Роль в проекте: куратор, руководитель, администратор")
    name = serializers.CharField()
    position = serializers.CharField()
    photo = RenditionSerializer(allow_null=True)


class ControlPointSerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField(
        help_text="Где точка сейчас: достигнута, просрочена, скоро срок, запланирована"
    )

    class Meta:
        model = ControlPoint
        fields = ["title", "planned_on", "forecast_on", "actual_on", "status"]
        extra_kwargs = {
            "forecast_on": {"help_text": "Ожидаемая дата, если она отличается от плановой"},
            "actual_on": {"help_text": "Когда точка достигнута"},
        }

    @extend_schema_field(LabelledChoiceSerializer)
    def get_status(self, point):
        status = point.status
        return {"value": str(status), "label": str(point.status_label)}


class ProjectSerializer(serializers.ModelSerializer):
    url = PageAddressField()
    sector = ChoiceField()
    status = ChoiceField()
    team = serializers.SerializerMethodField(help_text="Команда проекта, как на его странице")
    control_points = ControlPointSerializer(many=True, read_only=True)

    class Meta:
        model = ProjectPage
        fields = [
            "id",
            "url",
            "title",
            "short_name",
            "sector",
            "status",
            "decision_on",
            "protocol_number",
            "start_on",
            "end_on",
            "team",
            "control_points",
            "last_published_at",
        ]
        extra_kwargs = {
            "decision_on": {"help_text": "Дата решения проектного комитета"},
            "protocol_number": {"help_text": "Номер протокола проектного комитета"},
            "end_on": {"help_text": "Дата окончания; null — без даты окончания"},
        }

    @extend_schema_field(PersonSerializer(many=True))
    def get_team(self, project):
        return [
            {
                "role": str(role),
                "name": person.name,
                "position": person.position,
                "photo": rendition(person.photo, PHOTO_SPEC) if person.photo else None,
            }
            for role, person in project.team()
        ]


class TargetSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2)


class IndicatorSerializer(serializers.ModelSerializer):
    targets = serializers.SerializerMethodField(help_text="Целевые значения по годам")

    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline_value", "baseline_year", "actual_value", "targets"]

    @extend_schema_field(TargetSerializer(many=True))
    def get_targets(self, indicator):
        return TargetSerializer(
            [{"year": year, "value": value} for year, value in indicator.target_values().items()],
            many=True,
        ).data


class BudgetSourceSerializer(serializers.Serializer):
    source = LabelledChoiceSerializer()
    amounts = serializers.ListField(
        child=serializers.DecimalField(max_digits=16, decimal_places=1, allow_null=True),
        help_text="Суммы по годам из years, тыс. руб.; null — нет средств в этот год",
    )
    total = serializers.DecimalField(max_digits=16, decimal_places=1)


class BudgetSerializer(serializers.Serializer):
    years = serializers.ListField(child=serializers.IntegerField())
    sources = BudgetSourceSerializer(many=True)
    year_totals = serializers.ListField(
        child=serializers.DecimalField(max_digits=16, decimal_places=1)
    )
    total = serializers.DecimalField(max_digits=16, decimal_places=1, help_text="тыс. руб.")


class SectionSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.URLField()


class ProjectDetailSerializer(ProjectSerializer):
    goals = HTMLField()
    results = HTMLField(help_text="Ожидаемые результаты, HTML")
    indicators = IndicatorSerializer(many=True, read_only=True)
    budget = serializers.SerializerMethodField(help_text="Финансирование, тыс. руб.")
    passport_document = serializers.SerializerMethodField(help_text="Паспорт проекта, PDF")
    sections = serializers.SerializerMethodField(help_text="Разделы портала, где идёт проект")

    class Meta(ProjectSerializer.Meta):
        fields = [
            *ProjectSerializer.Meta.fields,
            "goals",
            "results",
            "indicators",
            "budget",
            "passport_document",
            "sections",
        ]

    @extend_schema_field(BudgetSerializer)
    def get_budget(self, project):
        table = budget_table(list(project.budget_lines.all()))
        source_of = {str(source.label): source for source in FundingSource}
        return BudgetSerializer(
            {
                "years": table.years,
                "sources": [
                    {
                        "source": {"value": source_of[str(label)].value, "label": str(label)},
                        "amounts": amounts,
                        "total": total,
                    }
                    for label, amounts, total in table.rows
                ],
                "year_totals": table.year_totals,
                "total": table.total,
            }
        ).data

    @extend_schema_field(NULLABLE_URI)
    def get_passport_document(self, project):
        document = project.passport_document
        return absolute(document.url) if document else None

    @extend_schema_field(SectionSerializer(many=True))
    def get_sections(self, project):
        request = self.context.get("request")
        sections = []
        for link in project.section_links.all():
            url = page_address(link.linked_page, request) if link.linked_page.live else None
            if url:
                sections.append({"title": link.label or link.linked_page.title, "url": url})
        return sections


def published_projects():
    """The passports the project list shows: live, public, under the live index, by name."""
    index_page = live_index_page(ProjectIndexPage)
    if index_page is None:
        return ProjectPage.objects.none()
    return index_page.projects().select_related(
        *(f"{role}__photo" for role in TEAM), "passport_document"
    )


def with_passport(projects, *, detail):
    """Team photos' renditions in one query; a passport's tables when it is shown whole."""
    photos = {
        person.photo
        for project in projects
        for _role, person in project.team()
        if person.photo is not None
    }
    prefetch_related_objects(list(photos), "renditions")
    if detail:
        prefetch_related_objects(
            projects,
            Prefetch("indicators", queryset=Indicator.objects.order_by("sort_order")),
            Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("sort_order")),
            Prefetch(
                "section_links",
                queryset=SectionLink.objects.select_related("linked_page").order_by("sort_order"),
            ),
        )
    return projects


ProjectViewSet = records_viewset(
    name="Project",
    queryset=published_projects,
    serializer=ProjectSerializer,
    detail_serializer=ProjectDetailSerializer,
    filterset_class=ProjectFilter,
    facets=FACETS,
    prepare=with_passport,
)
