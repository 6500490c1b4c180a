"""The tally, the ballot list and its checksum, the results chart, and publishing the results.

The ballot list (receipt code, entry, time, status) is the anonymised record anyone can download
after publication; its SHA-256 is stored at publication and printed on the results page, so a
later change of a single ballot would show.
"""

import hashlib
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from contest.jury import scores_checksum
from contest.models import AuditAction, AuditEvent, ContestPage, ContestResults, Vote
from portal.csv import SafeWriter

CHART_WIDTH = 720
LABEL_WIDTH = 270
BAR_X = 280
BAR_WIDTH = 360
ROW_HEIGHT = 30
BAR_HEIGHT = 18
BAR_FILL = "#1d4f91"  # 8:1 on white
LABEL_CHARS = 32


@dataclass
class Standing:
    rank: int
    entry: object
    votes: int
    share: float  # percent of counted votes


def tally(contest):
    """Accepted entries with their counted votes, best first (ties share a rank), in one query."""
    entries = contest.accepted_entries().annotate(
        counted=Count("votes", filter=Q(votes__annulled_at__isnull=True))
    )
    entries = sorted(entries, key=lambda entry: (-entry.counted, entry.title))
    total = sum(entry.counted for entry in entries)
    standings, rank, previous = [], 0, None
    for position, entry in enumerate(entries, start=1):
        if entry.counted != previous:
            rank, previous = position, entry.counted
        share = round(100 * entry.counted / total, 1) if total else 0.0
        standings.append(Standing(rank, entry, entry.counted, share))
    return standings


@dataclass
class ChartRow:
    label: str
    votes: int
    y: int
    width: float

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT - 4

    @property
    def value_x(self):
        return BAR_X + self.width + 8


@dataclass
class Chart:
    rows: list
    height: int
    width: int = CHART_WIDTH
    bar_x: int = BAR_X
    bar_height: int = BAR_HEIGHT
    label_x: int = LABEL_WIDTH
    fill: str = BAR_FILL


def results_chart(standings):
    """Horizontal bars, drawn by the template with presentation attributes only (strict CSP)."""
    most = max((standing.votes for standing in standings), default=0)
    rows = [
        ChartRow(
            label=Truncator(standing.entry.title).chars(LABEL_CHARS),
            votes=standing.votes,
            y=10 + number * ROW_HEIGHT,
            width=round(BAR_WIDTH * standing.votes / most, 1) if most else 0,
        )
        for number, standing in enumerate(standings)
    ]
    return Chart(rows=rows, height=20 + len(rows) * ROW_HEIGHT)


BALLOT_HEADER = ["receipt_code", "entry_id", "entry", "cast_at", "status"]


def ballot_rows(contest):
    votes = (
        Vote.objects.filter(contest=contest)
        .select_related("entry")
        .order_by("cast_at", "receipt_code")
        .only("receipt_code", "cast_at", "annulled_at", "entry__id", "entry__title")
    )
    for vote in votes.iterator(chunk_size=2000):
        yield [
            vote.receipt_code,
            vote.entry_id,
            vote.entry.title,
            timezone.localtime(vote.cast_at).isoformat(timespec="seconds"),
            "annulled" if vote.is_annulled else "counted",
        ]


def ballots_csv_bytes(contest):
    """The anonymised ballot list as UTF-8 CSV: no voter, no address, no phone.

    Formula cells are neutralised here, before the checksum is taken, so the published SHA-256 is
    that of the file people download (the escaping is deterministic).
    """
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\n")
    writer.writerow(BALLOT_HEADER)
    writer.writerows(ballot_rows(contest))
    return buffer.getvalue().encode("utf-8")


def ballots_checksum(contest):
    return hashlib.sha256(ballots_csv_bytes(contest)).hexdigest()


def publish_results(contest, *, by, now=None):
    """Publish the results: only after voting (and the jury stage, if any) closes, once; the
    checksums of the ballots and of the jury's scores are fixed here."""
    now = now or timezone.now()
    with transaction.atomic():
        contest = ContestPage.objects.select_for_update().get(pk=contest.pk)
        if now < contest.voting_closes_at:
            raise ValidationError(_("Results can be published only after voting closes."))
        if contest.has_jury() and now < contest.jury_closes_at:
            raise ValidationError(_("Results can be published only after jury scoring closes."))
        if ContestResults.objects.filter(contest=contest).exists():
            raise ValidationError(_("The results are already published."))
        results = ContestResults.objects.create(
            contest=contest,
            published_at=now,
            published_by=by,
            counted_votes=Vote.objects.filter(contest=contest).counted().count(),
            ballots_sha256=ballots_checksum(contest),
            scores_sha256=scores_checksum(contest) if contest.has_jury() else "",
        )
        AuditEvent.record(
            contest,
            AuditAction.PUBLISH,
            actor=by,
            at=now,
            counted_votes=results.counted_votes,
            ballots_sha256=results.ballots_sha256,
            **({"scores_sha256": results.scores_sha256} if results.scores_sha256 else {}),
        )
    return results
