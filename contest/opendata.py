"""The TOS contest's published results as an open-data set.

Only contests whose results staff have published (ContestResults), and only what the results
page shows: each accepted entry's rank, counted votes and share. Never a voter, a receipt code,
a network or a phone prefix; the anonymised ballot list stays on the contest's own page.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.utils.translation import gettext_lazy as _
from wagtail.models import PageLogEntry

from contest.models import ContestPage, ContestResults, EntryPage
from contest.results import tally
from portal.opendata.declaration import Dataset, Field, FieldType, latest
from portal.pages import without_unpublished_branches
from portal.public_url import absolute

OPENED_ON = datetime.date(2026, 12, 1)
T = FieldType


def contests_with_results():
    contests = without_unpublished_branches(ContestPage.objects.live().public())
    return (
        contests.filter(results__isnull=False)
        .select_related("results")
        .order_by("results__published_at", "pk")
    )


def result_rows():
    for contest in contests_with_results():
        results = contest.results
        results_url = absolute(contest.url + contest.reverse_subpage("results"))
        for standing in tally(contest):
            entry = standing.entry
            yield {
                "contest_id": contest.pk,
                "contest": contest.title,
                "results_published_at": results.published_at,
                "counted_votes_total": results.counted_votes,
                "ballots_sha256": results.ballots_sha256,
                "rank": standing.rank,
                "entry_id": entry.pk,
                "entry": entry.title,
                "district": entry.get_district_display(),
                "nomination": entry.nomination,
                "votes": standing.votes,
                "share": standing.share,
                "entry_url": absolute(entry.url),
                "results_url": results_url,
            }


def results_changed():
    """The latest publication of results, or of a contest or entry page (a renamed entry), or
    what the admin logged of them (an unpublication)."""
    types = ContentType.objects.get_for_models(ContestPage, EntryPage).values()
    return latest(
        ContestResults.objects.aggregate(at=Max("published_at"))["at"],
        ContestPage.objects.filter(results__isnull=False).aggregate(at=Max("last_published_at"))[
            "at"
        ],
        EntryPage.objects.aggregate(at=Max("last_published_at"))["at"],
        PageLogEntry.objects.filter(content_type__in=types).aggregate(at=Max("timestamp"))["at"],
    )


RESULTS = Dataset(
    code="tos-contest-results",
    title=_("Results of the contest «The best TOS body»"),
    description=_(
        "Published results of the city contest of territorial public self-government bodies "
        "(ТОС) of Sochi: each accepted entry's rank, counted votes and share of the votes, and "
        "the checksum of the anonymised ballot list."
    ),
    keywords=_("TOS, territorial public self-government, contest, voting, results, Sochi"),
    fields=(
        Field("contest_id", _("Number of the contest on the portal"), T.INTEGER),
        Field("contest", _("Contest")),
        Field("results_published_at", _("Results published"), T.DATETIME),
        Field("counted_votes_total", _("Votes counted in the contest"), T.INTEGER),
        Field("ballots_sha256", _("SHA-256 of the anonymised ballot list")),
        Field("rank", _("Place"), T.INTEGER),
        Field("entry_id", _("Number of the entry on the portal"), T.INTEGER),
        Field("entry", _("TOS body")),
        Field("district", _("District of Sochi")),
        Field("nomination", _("Nomination")),
        Field("votes", _("Counted votes for the entry"), T.INTEGER),
        Field("share", _("Share of the counted votes, percent"), T.FLOAT),
        Field("entry_url", _("Page of the entry on the portal"), T.URL),
        Field("results_url", _("Page of the contest's results"), T.URL),
    ),
    rows=result_rows,
    last_changed=results_changed,
    created=OPENED_ON,
    structure_version=OPENED_ON,
)

DATASETS = (RESULTS,)
