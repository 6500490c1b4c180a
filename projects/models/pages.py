from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Max, Min, Prefetch, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.search import index

from discussion.models import Discussable, DiscussableQuerySetMixin
from portal.blocks import RICH_TEXT_FEATURES
from portal.models import PageMetaMixin
from portal.pages import PublicInSqlQuerySet
from portal.search.backend import BODY_BOOST, TITLE_BOOST
from portal.section_pages import SectionIndexPage, read_child
from projects.forms import ProjectPageForm
from projects.models.choices import APPROVED_STATUSES, ProjectStatus, Sector
from projects.models.control_points import ControlPoint
from projects.models.passport import budget_table


class ProjectPageQuerySet(DiscussableQuerySetMixin, PublicInSqlQuerySet):
    def for_listing(self):
        """Live public projects, by name, with what the list shows (comment counts included)
        fetched in a fixed number of queries whatever the number of projects."""
        return (
            self.live()
            .public()
            .order_by("title", "pk")
            .select_related("curator")
            .prefetch_related(
                Prefetch("control_points", queryset=ControlPoint.objects.order_by("sort_order"))
            )
            .with_comment_counts()
        )

    def for_passport(self):
        """With the project team and the passport document read in the same query."""
        return self.select_related(
            "curator__photo", "head__photo", "administrator__photo", "passport_document"
        )

    def overview(self):
        """({"total": all projects, "approved": those the committee has accepted}, [each year
        from the first start to the last end]), in one query."""
        row = self.aggregate(
            total=Count("pk"),
            approved=Count("pk", filter=Q(status__in=APPROVED_STATUSES)),
            first=Min("start_on"),
            last=Max("end_on"),
        )
        at_a_glance = {"total": row["total"], "approved": row["approved"]}
        if row["first"] is None or row["last"] is None:
            return at_a_glance, []
        return at_a_glance, list(range(row["first"].year, row["last"].year + 1))


ProjectPageManager = PageManager.from_queryset(ProjectPageQuerySet)


class ProjectIndexPage(SectionIndexPage):
    intro = models.TextField(_("introduction"), blank=True)

    subpage_types = ["projects.ProjectPage"]

    class Meta:
        verbose_name = _("project index")

    def serve(self, request, *args, **kwargs):
        from projects.views.public import project_list

        return project_list(request, self)

    def projects(self):
        return ProjectPage.objects.child_of(self).for_listing()

    def route(self, request, path_components):
        """A passport is read in one query with its team (Wagtail's own routing reads the child
        page, then its fields, then each person)."""
        project = read_child(self, ProjectPage.objects.for_passport(), path_components)
        if project is not None:
            return project.route(request, [])
        return super().route(request, path_components)


def _person(related_name, verbose_name):
    return models.ForeignKey(
        "projects.Person",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
    )


class ProjectPage(Discussable, PageMetaMixin, Page):
    """A municipal project's passport: who runs it, what it must achieve, by when, for how much."""

    short_name = models.CharField(_("short name"), max_length=100)
    sector = models.CharField(_("sector"), max_length=30, choices=Sector.choices, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProjectStatus.choices,
        default=ProjectStatus.PROPOSAL,
        db_index=True,
    )
    curator = _person("curated_projects", _("curator"))
    head = _person("headed_projects", _("project head"))
    administrator = _person("administered_projects", _("project administrator"))
    decision_on = models.DateField(_("committee decision date"), null=True, blank=True)
    protocol_number = models.CharField(_("protocol number"), max_length=50, blank=True)
    start_on = models.DateField(_("start date"), null=True, blank=True)
    end_on = models.DateField(_("end date"), null=True, blank=True)
    goals = RichTextField(_("goals"), features=RICH_TEXT_FEATURES, blank=True)
    results = RichTextField(_("expected results"), features=RICH_TEXT_FEATURES, blank=True)
    passport_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("passport document (PDF)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ProjectPageManager()

    content_panels = Page.content_panels + [
        FieldPanel("short_name"),
        FieldRowPanel([FieldPanel("sector"), FieldPanel("status")]),
        MultiFieldPanel(
            [FieldPanel("curator"), FieldPanel("head"), FieldPanel("administrator")],
            heading=_("Project team"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("decision_on"), FieldPanel("protocol_number")]),
                FieldRowPanel([FieldPanel("start_on"), FieldPanel("end_on")]),
            ],
            heading=_("Decision and dates"),
        ),
        FieldPanel("goals"),
        FieldPanel("results"),
    ]
    indicator_panels = [InlinePanel("indicators", label=_("Indicators"))]
    schedule_panels = [InlinePanel("control_points", label=_("Control points"))]
    budget_panels = [InlinePanel("budget_lines", label=_("Budget lines"))]
    document_panels = [
        FieldPanel("passport_document"),
        InlinePanel("section_links", label=_("Portal sections of the project")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Passport")),
            ObjectList(indicator_panels, heading=_("Indicators")),
            ObjectList(schedule_panels, heading=_("Control points")),
            ObjectList(budget_panels, heading=_("Budget")),
            ObjectList(document_panels, heading=_("Documents and links")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Discussable.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("title", boost=TITLE_BOOST),
        index.SearchField("short_name", boost=TITLE_BOOST),
        index.SearchField("goals", boost=BODY_BOOST),
        index.SearchField("results", boost=BODY_BOOST),
        index.SearchField("sector_label", boost=BODY_BOOST),
        index.FilterField("sector"),
        index.FilterField("status"),
    ]
    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = []
    base_form_class = ProjectPageForm

    summary_field = "short_name"

    class Meta:
        verbose_name = _("project passport")
        verbose_name_plural = _("project passports")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_on and self.end_on and self.end_on < self.start_on:
            errors["end_on"] = _("The project cannot end before it starts.")
        document = self.passport_document
        if document is not None and document.file_extension.lower() != "pdf":
            errors["passport_document"] = _("The passport must be a PDF document.")
        if errors:
            raise ValidationError(errors)

    def sector_label(self):
        # Indexed in Russian whatever language the indexing command runs in.
        with translation.override("ru"):
            return str(self.get_sector_display())

    def team(self):
        roles = [
            (_("Curator"), self.curator),
            (_("Project head"), self.head),
            (_("Project administrator"), self.administrator),
        ]
        return [(role, person) for role, person in roles if person is not None]

    def get_context(self, request, *args, **kwargs):
        from projects.status import project_health

        context = super().get_context(request, *args, **kwargs)
        context.update(self.indicator_context())
        context.update(self.control_point_context())
        context.update(self.history_context(context["control_points"]))
        # The one status rule (projects.status), from the rows the two sections read.
        context["health"] = project_health(
            self,
            control_points=context["control_points"],
            indicators=[indicator for indicator, _targets in context["indicators"]],
        )
        context["budget"] = budget_table(list(self.budget_lines.all()))
        context["section_links"] = [
            link
            for link in self.section_links.select_related("linked_page")
            if link.linked_page.live
        ]
        return context

    def indicator_context(self):
        """The passport's indicators section (templates/projects/includes/passport_indicators):
        the targets table and, per indicator, plan against accepted fact by year."""
        from projects.charts import plan_fact_chart
        from projects.status import attach_accepted_facts

        # The indicators as edited (a preview's unsaved ones too) with their accepted facts.
        indicators = attach_accepted_facts(self.indicators.all())
        targets = [(indicator, indicator.target_values()) for indicator in indicators]
        years = sorted({year for _indicator, values in targets for year in values})
        return {
            "target_years": years,
            # (indicator, [target or None for each year]): one table row each.
            "indicators": [
                (indicator, [values.get(year) for year in years]) for indicator, values in targets
            ],
            "plan_fact_charts": list(filter(None, map(plan_fact_chart, indicators))),
        }

    def control_point_context(self):
        """The passport's control points section (…/passport_control_points)."""
        return {"control_points": list(self.control_points.all())}

    def history_context(self, control_points):
        """The passport's «История паспорта» (…/passport_history): the committee-approved versions
        newest first, each with its decision and its changes against the one before, and the
        control points the project office has accepted as reached, in date order.

        Only the committee makes versions, and every decision takes the passport out of
        «Предложение»; an accepted report sets its control point's actual date: a proposal, or
        a passport with no point reached, is not asked for what it cannot have.
        """
        from projects.models.committee import PassportVersion
        from projects.models.reports import ControlPointReport, ReportState
        from projects.passport_versions import changes

        history = []
        if self.status != ProjectStatus.PROPOSAL:
            versions = (
                PassportVersion.objects.filter(project=self)
                .select_related("decision__meeting__protocol")
                .order_by("number")
            )
            previous = None
            for version in versions:
                history.append((version, changes(previous.plan, version.plan) if previous else []))
                previous = version
            history.reverse()
        progress = []
        if any(point.actual_on for point in control_points):
            progress = list(
                ControlPointReport.objects.filter(project=self, state=ReportState.ACCEPTED)
                .select_related("control_point")
                .order_by("completed_on", "pk")
            )
        return {"passport_history": history, "progress_reports": progress}
