"""CSV exports of published results: the ranking, the anonymised ballot list and, for a contest
with a jury, the jury's scores by anonymised juror number.

Before publication all answer 404: counts and scores must not leak through an export.
"""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from contest.combined import standings
from contest.jury import scores_csv_bytes
from contest.models import ContestPage
from contest.results import ballots_csv_bytes
from portal.csv import SafeWriter

RESULTS_HEADER = [
    "rank",
    "entry_id",
    "entry",
    "district",
    "votes",
    "share_percent",
    "jury_score",
    "result",
]


def _published(contest):
    contest = ContestPage.objects.select_related("results").get(pk=contest.pk)
    if not contest.results_published:
        raise Http404(_("The results of this contest are not published yet."))
    return contest


def results_csv(request, contest):
    """The combined ranking: votes and their share, the jury score (empty without a jury) and
    the result the rank is by (contest.combined)."""
    contest = _published(contest)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{contest.slug}-results.csv"'
    writer = SafeWriter(response, lineterminator="\n")
    writer.writerow(RESULTS_HEADER)
    for standing in standings(contest):
        writer.writerow(
            [
                standing.rank,
                standing.entry.pk,
                standing.entry.title,
                standing.entry.get_district_display(),
                standing.votes,
                standing.share,
                "" if standing.jury is None else standing.jury,
                standing.result,
            ]
        )
    return response


def ballots_csv(request, contest):
    contest = _published(contest)
    response = HttpResponse(ballots_csv_bytes(contest), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{contest.slug}-ballots.csv"'
    return response


def scores_csv(request, contest):
    contest = _published(contest)
    if not contest.has_jury():
        raise Http404(_("This contest has no jury stage."))
    response = HttpResponse(scores_csv_bytes(contest), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{contest.slug}-scores.csv"'
    return response
