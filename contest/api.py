"""The TOS contest through the API (/api/v1/contests/): the live, public contests of the contest
section, newest voting first, each with its dates and stage; on its own, its entries (the ТОС
bodies) and, once published, its results, as the public pages show them.

Vote counts come only through contest.views.public.counts_for, the rule the pages follow: null
while the contest hides them. Nothing of a vote but the counts: never a voter, a receipt, a
network or a time of voting."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from contest.models import ContestIndexPage, ContestPage, EntryPage, Vote
from contest.results import tally
from contest.views.public import counts_for
from portal.api.fields import (
    ChoiceField,
    HTMLField,
    LabelledChoiceSerializer,
    PageAddressField,
    page_address,
)
from portal.api.lists import records_viewset
from portal.api.views import latest
from portal.public_url import absolute
from portal.section_pages import live_index_page


class ContestSerializer(serializers.ModelSerializer):
    url = PageAddressField()
    nominations = serializers.ListField(
        source="nomination_list", child=serializers.CharField(), read_only=True
    )
    stage = serializers.SerializerMethodField(help_text="Этап конкурса сейчас")
    results_published_at = serializers.SerializerMethodField(
        help_text="Когда опубликованы итоги; null — ещё не опубликованы"
    )

    class Meta:
        model = ContestPage
        fields = [
            "id",
            "url",
            "title",
            "intro",
            "nominations",
            "applications_open_on",
            "applications_close_on",
            "voting_opens_at",
            "voting_closes_at",
            "results_on",
            "counts_hidden_while_voting",
            "stage",
            "results_published_at",
            "last_published_at",
        ]
        extra_kwargs = {
            "voting_closes_at": {"help_text": "Голосование идёт до этого момента, не включая его"},
            "results_on": {"help_text": "Когда ожидаются итоги"},
            "counts_hidden_while_voting": {
                "help_text": "Число голосов скрыто до публикации итогов"
            },
        }

    @extend_schema_field(LabelledChoiceSerializer)
    def get_stage(self, contest):
        stage = contest.stage()
        return {"value": stage.value, "label": str(stage.label)}

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_results_published_at(self, contest):
        if not contest.results_published:
            return None
        return serializers.DateTimeField().to_representation(contest.results.published_at)


class EntrySerializer(serializers.ModelSerializer):
    url = PageAddressField()
    district = ChoiceField()
    accepted = serializers.BooleanField(
        source="is_accepted", read_only=True, help_text="Заявка принята: за неё можно голосовать"
    )
    votes = serializers.SerializerMethodField(
        help_text="Засчитанные голоса; null, пока конкурс их скрывает, и у непринятых заявок"
    )

    class Meta:
        model = EntryPage
        fields = [
            "id",
            "url",
            "title",
            "district",
            "nomination",
            "chair",
            "territory",
            "intro",
            "accepted",
            "votes",
        ]
        extra_kwargs = {"chair": {"help_text": "Председатель ТОС, как на странице участника"}}

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_votes(self, entry):
        votes = self.context.get("entry_votes")
        return votes.get(entry.pk) if votes is not None and entry.is_accepted else None


class StandingSerializer(serializers.Serializer):
    rank = serializers.IntegerField(help_text="Место; у равных по голосам — одно")
    entry = serializers.IntegerField(source="entry.pk", help_text="id участника")
    title = serializers.CharField(source="entry.title")
    votes = serializers.IntegerField()
    share = serializers.FloatField(help_text="Доля засчитанных голосов, %")


class ResultsSerializer(serializers.Serializer):
    published_at = serializers.DateTimeField()
    counted_votes = serializers.IntegerField()
    annulled_votes = serializers.IntegerField(help_text="Голоса, аннулированные комиссией")
    ballots_sha256 = serializers.CharField(help_text="SHA-256 обезличенного списка бюллетеней")
    results_csv = serializers.URLField()
    ballots_csv = serializers.URLField(help_text="Обезличенный список бюллетеней, CSV")
    standings = StandingSerializer(many=True)


class ContestDetailSerializer(ContestSerializer):
    rules = HTMLField()
    entries = serializers.SerializerMethodField()
    results = serializers.SerializerMethodField(help_text="Итоги; null, пока не опубликованы")

    class Meta(ContestSerializer.Meta):
        fields = [*ContestSerializer.Meta.fields, "rules", "entries", "results"]

    @extend_schema_field(EntrySerializer(many=True))
    def get_entries(self, contest):
        context = {**self.context, "entry_votes": contest.entry_votes}
        return EntrySerializer(contest.shown_entries, many=True, context=context).data

    @extend_schema_field(ResultsSerializer(allow_null=True))
    def get_results(self, contest):
        if not contest.results_published:
            return None
        results, url = contest.results, page_address(contest, self.context.get("request"))
        return ResultsSerializer(
            {
                "published_at": results.published_at,
                "counted_votes": results.counted_votes,
                "annulled_votes": contest.annulled_votes,
                "ballots_sha256": results.ballots_sha256,
                "results_csv": absolute(f"{url}results.csv"),
                "ballots_csv": absolute(f"{url}ballots.csv"),
                "standings": contest.standings,
            }
        ).data


def public_contests():
    """The contests the section lists: live, public, under its live page, newest voting first."""
    index_page = live_index_page(ContestIndexPage)
    if index_page is None:
        return ContestPage.objects.none()
    return (
        ContestPage.objects.live()
        .public()
        .child_of(index_page)
        .select_related("results")
        .order_by("-voting_opens_at", "pk")
    )


def with_entries(contests, *, detail):
    """A contest on its own: its entries, their counts when shown, the results when published."""
    if detail:
        (contest,) = contests
        contest.shown_entries = list(contest.entries().select_related("acceptance"))
        contest.entry_votes = counts_for(contest, contest.shown_entries)
        if contest.results_published:
            contest.standings = tally(contest)
            contest.annulled_votes = Vote.objects.filter(
                contest=contest, annulled_at__isnull=False
            ).count()
    return contests


def contest_modified_at(contests):
    """The latest publication of the contests, their entries and results, or a stage reached by
    the clock; None while counts are shown before the results (every vote changes them)."""
    now = timezone.now()
    moments = [latest("last_published_at", "results.published_at")(contests)]
    for contest in contests:
        moments += [edge for edge in contest.clock_edges() if edge <= now]
        if hasattr(contest, "shown_entries"):
            if contest.entry_votes is not None and not contest.results_published:
                return None
            entries = latest("last_published_at", "acceptance.accepted_at")
            moments.append(entries(contest.shown_entries))
    return max((moment for moment in moments if moment is not None), default=None)


ContestViewSet = records_viewset(
    name="Contest",
    queryset=public_contests,
    serializer=ContestSerializer,
    detail_serializer=ContestDetailSerializer,
    prepare=with_entries,
    modified_at=contest_modified_at,
)
