"""CSV exports of published results: the ranking and the anonymised ballot list.

Before publication both answer 404: counts must not leak through an export.
"""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from contest.models import ContestPage
from contest.results import ballots_csv_bytes, tally
from portal.csv import SafeWriter


def _published(contest):
    contest = ContestPage.objects.select_related("results").get(pk=contest.pk)
    if not contest.results_published:
        raise Http404(_("The results of this contest are not published yet."))
    return contest


def results_csv(request, contest):
    contest = _published(contest)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{contest.slug}-results.csv"'
    writer = SafeWriter(response, lineterminator="\n")
    writer.writerow(["rank", "entry_id", "entry", "district", "votes", "share_percent"])
    for standing in tally(contest):
        writer.writerow(
            [
                standing.rank,
                standing.entry.pk,
                standing.entry.title,
                standing.entry.get_district_display(),
                standing.votes,
                standing.share,
            ]
        )
    return response


def ballots_csv(request, contest):
    contest = _published(contest)
    response = HttpResponse(ballots_csv_bytes(contest), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{contest.slug}-ballots.csv"'
    return response
