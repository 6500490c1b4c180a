"""The anomaly report: where votes come from, so a bot wave shows before results are published.

Three views of a contest's votes, each one grouped query (constant in the number of votes):
votes per hour per entry, votes per client /24 network, votes per phone prefix. A row is a spike
when it is far above the usual level: an hour with at least SPIKE_FACTOR times the entry's median
hourly votes (and at least MIN_SPIKE votes), or a network or prefix holding at least
SHARE_THRESHOLD of all votes (and at least MIN_SPIKE votes).
"""

import statistics
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncHour

from contest.models import Vote

SPIKE_FACTOR = 3
MIN_SPIKE = 5
SHARE_THRESHOLD = 0.05
TOP_ROWS = 25


@dataclass
class Row:
    label: str
    votes: int
    spike: bool
    entry: str = ""


def hourly_by_entry(contest):
    rows = (
        Vote.objects.filter(contest=contest)
        .annotate(hour=TruncHour("cast_at"))
        .values("hour", "entry__title")
        .annotate(n=Count("pk"))
        .order_by("hour", "entry__title")
    )
    rows = list(rows)
    per_entry = {}
    for row in rows:
        per_entry.setdefault(row["entry__title"], []).append(row["n"])
    medians = {title: statistics.median(counts) for title, counts in per_entry.items()}
    return [
        Row(
            label=row["hour"],
            entry=row["entry__title"],
            votes=row["n"],
            spike=row["n"] >= MIN_SPIKE and row["n"] >= SPIKE_FACTOR * medians[row["entry__title"]],
        )
        for row in rows
    ]


def _by_field(contest, field, total):
    rows = (
        Vote.objects.filter(contest=contest)
        .exclude(**{field: ""})
        .values(field)
        .annotate(n=Count("pk"))
        .order_by("-n", field)[:TOP_ROWS]
    )
    return [
        Row(
            label=row[field],
            votes=row["n"],
            spike=row["n"] >= MIN_SPIKE and total and row["n"] / total >= SHARE_THRESHOLD,
        )
        for row in rows
    ]


def anomaly_report(contest):
    total = Vote.objects.filter(contest=contest).count()
    return {
        "total": total,
        "hourly": hourly_by_entry(contest),
        "networks": _by_field(contest, "network", total),
        "phone_prefixes": _by_field(contest, "phone_prefix", total),
    }
