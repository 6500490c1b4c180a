"""The contest section: the index at /tos-contest/, a page per contest, a page per entry (a ТОС).

Acceptance of an entry and the publication of results are records of their own (EntryAcceptance,
ContestResults), not page fields: publishing a page revision must never undo them.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from contest.models.jury import ContestPageForm, JuryStage, ResultRule
from portal import page_cache
from portal.blocks import RICH_TEXT_FEATURES, HeadingBlock, ImageBlock
from portal.districts import District
from portal.models import PageMetaMixin
from portal.search.backend import BODY_BOOST, LEAD_BOOST, TITLE_BOOST
from portal.section_pages import SectionIndexPage, read_child, view_route

# Routes of ContestPage: an entry may not take one of these as its slug.
RESERVED_SLUGS = {"vote", "receipt", "check", "results", "apply"}


class ContestStage(models.TextChoices):
    APPLICATIONS = "applications", _("Applications")
    PREPARATION = "preparation", _("Entries are being reviewed")
    VOTING = "voting", _("Voting is open")
    COUNTING = "counting", _("Voting closed, results are being prepared")
    RESULTS = "results", _("Results published")


class ContestIndexPage(RoutablePageMixin, SectionIndexPage):
    subpage_types = ["contest.ContestPage"]

    class Meta:
        verbose_name = _("contest section")

    def get_context(self, request, *args, **kwargs):
        from portal.pagination import paginate

        context = super().get_context(request, *args, **kwargs)
        contests = (
            ContestPage.objects.live()
            .child_of(self)
            .select_related("results")
            .order_by("-voting_opens_at")
        )
        context["contests_page"] = paginate(request, contests)
        context["now"] = timezone.now()
        return context

    # The chair's desk: register the ТОС, its status and applications (contest.views.apply).
    my_tos = view_route("my-tos/", "contest.views.apply.my_tos_view", "my_tos")


class ContestPage(JuryStage, PageMetaMixin, RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), max_length=2000, blank=True)
    rules = RichTextField(_("rules"), features=RICH_TEXT_FEATURES, blank=True)
    nominations = models.TextField(
        _("nominations"),
        max_length=2000,
        blank=True,
        help_text=_("One nomination a line; leave empty if none."),
    )
    applications_open_on = models.DateField(_("applications open"))
    applications_close_on = models.DateField(_("applications close"))
    voting_opens_at = models.DateTimeField(_("voting opens"))
    voting_closes_at = models.DateTimeField(_("voting closes"))
    results_on = models.DateField(_("results announced"))
    counts_hidden_while_voting = models.BooleanField(
        _("hide vote counts until results are published"), default=True
    )
    # --- the jury (contest.models.jury, contest.jury): criteria are inline, Criterion ---
    jury_closes_at = models.DateTimeField(
        _("jury scoring closes"),
        null=True,
        blank=True,
        help_text=_("Jurors score accepted entries from the opening of voting until this time."),
    )
    result_rule = models.CharField(
        _("how the result is decided"),
        max_length=10,
        choices=ResultRule.choices,
        default=ResultRule.VOTE,
    )
    jury_weight_percent = models.PositiveSmallIntegerField(
        _("jury weight, %"),
        default=50,
        validators=[MaxValueValidator(100)],
        help_text=_("For the weighted rule: the public vote weighs 100 minus this."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("rules"),
        FieldPanel("nominations"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("applications_open_on"), FieldPanel("applications_close_on")]
                ),
                FieldRowPanel([FieldPanel("voting_opens_at"), FieldPanel("voting_closes_at")]),
                FieldPanel("results_on"),
                FieldPanel("counts_hidden_while_voting"),
            ],
            heading=_("Stages"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("jury_closes_at"),
                FieldRowPanel([FieldPanel("result_rule"), FieldPanel("jury_weight_percent")]),
                InlinePanel("jury_criteria", label=_("Jury criteria")),
            ],
            heading=_("Jury and result"),
        ),
    ]
    base_form_class = ContestPageForm
    search_fields = Page.search_fields + [
        index.SearchField("title", boost=TITLE_BOOST),
        index.SearchField("intro", boost=LEAD_BOOST),
        index.SearchField("rules", boost=BODY_BOOST),
    ]
    parent_page_types = ["contest.ContestIndexPage"]
    subpage_types = ["contest.EntryPage"]

    class Meta:
        verbose_name = _("contest")
        verbose_name_plural = _("contests")

    def clean(self):
        super().clean()
        errors = {}
        opens, closes = self.applications_open_on, self.applications_close_on
        if opens and closes and closes < opens:
            errors["applications_close_on"] = _("Applications must close after they open.")
        opens, closes = self.voting_opens_at, self.voting_closes_at
        if opens and closes and closes <= opens:
            errors["voting_closes_at"] = _("Voting must close after it opens.")
        errors.update(self._jury_errors())
        if errors:
            raise ValidationError(errors)

    # --- the contest's rules -----------------------------------------------------------------

    def clock_edges(self):
        """The instants this contest's stage changes at by the clock alone: the page cache keeps
        a page that shows the stage no later than the next of them."""
        return (self.applications_deadline(), self.voting_opens_at, self.voting_closes_at)

    # --- applications (contest.applications) --------------------------------------------------

    def applications_open_at(self):
        """The first instant of the opening day in the portal's time zone."""
        local = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        return datetime.datetime.combine(self.applications_open_on, datetime.time(), local)

    def applications_deadline(self):
        """The end of the closing day in the portal's time zone: this instant is too late."""
        local = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        day_after = self.applications_close_on + datetime.timedelta(days=1)
        return datetime.datetime.combine(day_after, datetime.time(), local)

    def accepts_applications(self, now=None):
        """The window is [open day 00:00, deadline) in local time."""
        now = now or timezone.now()
        page_cache.valid_until(self.applications_open_at(), self.applications_deadline())
        return self.applications_open_at() <= now < self.applications_deadline()

    def is_voting_open(self, now=None):
        """The window is [opens, closes): the closing instant itself is too late."""
        now = now or timezone.now()
        page_cache.valid_until(*self.clock_edges())
        return self.voting_opens_at <= now < self.voting_closes_at

    @property
    def results_published(self):
        return getattr(self, "results", None) is not None

    def stage(self, now=None):
        now = now or timezone.now()
        page_cache.valid_until(*self.clock_edges())
        if self.results_published:
            return ContestStage.RESULTS
        if now >= self.voting_closes_at:
            return ContestStage.COUNTING
        if now >= self.voting_opens_at:
            return ContestStage.VOTING
        if now < self.applications_deadline():
            return ContestStage.APPLICATIONS
        return ContestStage.PREPARATION

    def counts_visible(self, now=None):
        """Vote counts are public once results are published, or during and after voting when
        the contest does not hide them."""
        if self.results_published:
            return True
        now = now or timezone.now()
        page_cache.valid_until(*self.clock_edges())
        return not self.counts_hidden_while_voting and now >= self.voting_opens_at

    def nomination_list(self):
        return [line.strip() for line in self.nominations.splitlines() if line.strip()]

    def entries(self):
        return EntryPage.objects.live().child_of(self).order_by("title")

    def accepted_entries(self):
        return self.entries().filter(acceptance__isnull=False)

    # --- routes (views in contest.views.public) ----------------------------------------------

    def route(self, request, path_components):
        entry = self._entry_at(path_components)
        if entry is None:
            return super().route(request, path_components)
        return entry.route(request, [])

    def _entry_at(self, path_components):
        """The live entry a one-part path names, read in one query with its acceptance (Wagtail's
        own routing reads the child page, then its fields, then the acceptance); None for the
        contest's own routes and anything else, which Wagtail routes as usual."""
        if not self.live or len(path_components) != 1:
            return None
        try:
            self.resolve_subpage(f"/{path_components[0]}/")
        except Http404:
            entries = EntryPage.objects.live().select_related("acceptance")
            return read_child(self, entries, path_components)
        return None

    contest = view_route("", "contest.views.public.contest_view", "contest")
    vote = view_route("vote/", "contest.views.public.vote_view", "vote")
    receipt = view_route(
        r"^receipt/(?P<code>[A-Z0-9-]{4,20})/$",
        "contest.views.public.receipt_view",
        "receipt",
        regex=True,
    )
    check_receipt = view_route("check/", "contest.views.public.check_view", "check")
    apply = view_route("apply/", "contest.views.apply.apply_view", "apply")
    application = view_route(
        "apply/<int:application_id>/", "contest.views.apply.application_view", "application"
    )
    results_page = view_route("results/", "contest.views.public.results_view", "results")
    # Served at …/results.csv and …/ballots.csv through portal.urls "page_file".
    results_csv = view_route("results.csv/", "contest.exports.results_csv", "results_csv")
    scores_csv = view_route("scores.csv/", "contest.exports.scores_csv", "scores_csv")
    ballots_csv = view_route("ballots.csv/", "contest.exports.ballots_csv", "ballots_csv")


class EntryPage(PageMetaMixin, Page):
    """A ТОС taking part in a contest. Only accepted entries can be voted for."""

    district = models.CharField(_("district"), max_length=20, choices=District.choices)
    chair = models.CharField(_("chair"), max_length=200)
    nomination = models.CharField(_("nomination"), max_length=200, blank=True)
    territory = models.TextField(
        _("territory"), max_length=4000, help_text=_("Streets and houses the ТОС covers.")
    )
    intro = models.TextField(_("summary"), max_length=4000, blank=True)
    achievements = StreamField(
        [
            ("heading", HeadingBlock()),
            (
                "paragraph",
                blocks.RichTextBlock(
                    label=_("Text"), features=RICH_TEXT_FEATURES, template="blocks/paragraph.html"
                ),
            ),
            ("image", ImageBlock()),
        ],
        verbose_name=_("achievements"),
        blank=True,
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("district"), FieldPanel("nomination")]),
        FieldPanel("chair"),
        FieldPanel("territory"),
        FieldPanel("intro"),
        FieldPanel("achievements"),
        InlinePanel("photos", label=_("Photos")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("title", boost=TITLE_BOOST),
        index.SearchField("intro", boost=LEAD_BOOST),
        index.SearchField("territory", boost=BODY_BOOST),
        index.SearchField("chair", boost=BODY_BOOST),
        index.SearchField("achievements", boost=BODY_BOOST),
    ]
    parent_page_types = ["contest.ContestPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("contest entry")
        verbose_name_plural = _("contest entries")

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is reserved; choose another.")})

    @property
    def is_accepted(self):
        return getattr(self, "acceptance", None) is not None

    def contest(self):
        return ContestPage.objects.select_related("results").get(pk=self.get_parent().pk)

    def accept(self, *, by, now=None):
        """Staff accept an entry, only before voting opens; recorded in the audit log."""
        from contest.models.audit import AuditAction, AuditEvent

        now = now or timezone.now()
        contest = self.contest()
        if self.is_accepted:
            raise ValidationError(_("This entry is already accepted."))
        if now >= contest.voting_opens_at:
            raise ValidationError(_("Entries can only be accepted before voting opens."))
        acceptance = EntryAcceptance.objects.create(entry=self, accepted_at=now, accepted_by=by)
        self.acceptance = acceptance
        AuditEvent.record(contest, AuditAction.ACCEPT, actor=by, at=now, entry=self.pk)
        return acceptance

    def get_context(self, request, *args, **kwargs):
        from contest.views.public import entry_context

        context = super().get_context(request, *args, **kwargs)
        context.update(entry_context(request, self))
        return context


class EntryAcceptance(models.Model):
    entry = models.OneToOneField(
        EntryPage, on_delete=models.CASCADE, related_name="acceptance", verbose_name=_("entry")
    )
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    class Meta:
        verbose_name = _("entry acceptance")
        verbose_name_plural = _("entry acceptances")

    def __str__(self):
        return str(self.entry)


class EntryPhoto(Orderable):
    entry = ParentalKey(EntryPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(_("alternative text"), max_length=250)
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
