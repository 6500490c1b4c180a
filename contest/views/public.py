"""The contest's public views (routes of ContestPage) and the entry page's context.

Vote counts reach a template only through `counts_for`, which answers None while the contest
hides them: nothing else in these views reads them.
"""

from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from contest.combined import formula, jury_formula, standings
from contest.models import ContestPage, ResultRule, Vote
from contest.results import results_chart, tally
from contest.voting import (
    VotingError,
    cast_vote,
    entry_for,
    normalise_receipt_code,
    vote_of,
    voting_refusal,
)
from portal.pagination import paginate
from portal.ratelimit import client_ip


def counts_for(contest, entries):
    """{entry id: counted votes} when the contest shows counts now, else None. One query."""
    if not contest.counts_visible():
        return None
    rows = (
        Vote.objects.counted()
        .filter(contest=contest, entry__in=[entry.pk for entry in entries])
        .values("entry")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {entry.pk: 0 for entry in entries}
    counts.update({row["entry"]: row["n"] for row in rows})
    return counts


def _with_results(contest):
    """The contest re-read with its publication, so `results_published` costs no extra query."""
    return ContestPage.objects.select_related("results").get(pk=contest.pk)


def contest_view(request, contest):
    contest = _with_results(contest)
    entries_page = paginate(request, contest.entries().select_related("acceptance"))
    counts = counts_for(contest, entries_page.object_list)
    entries = [
        (entry, counts.get(entry.pk) if counts is not None else None)
        for entry in entries_page.object_list
    ]
    context = contest.get_context(request)
    context.update(
        {
            "page": contest,
            "entries_page": entries_page,
            "entries": entries,
            "show_counts": counts is not None,
            "voting_open": contest.is_voting_open(),
            "stage": contest.stage(),
            "my_vote": vote_of(contest, request.user),
            "accepts_applications": contest.accepts_applications(),
        }
    )
    return TemplateResponse(request, "contest/contest_page.html", context)


def entry_context(request, entry):
    contest = entry.contest()
    counts = counts_for(contest, [entry])
    return {
        "contest": contest,
        "accepted": entry.is_accepted,
        "entry_votes": counts[entry.pk] if counts is not None else None,
        "voting_open": contest.is_voting_open(),
        "my_vote": vote_of(contest, request.user),
        "photos": entry.photos.select_related("image"),
    }


@require_http_methods(["GET", "POST"])
def vote_view(request, contest):
    """GET: confirm the choice; POST: cast the vote and go to the receipt.

    A successful POST reads nothing for the confirmation page: `contest` is the routed page, and
    the page's extras (results, the voter's own vote) are read only when the page is shown.
    """
    source = request.POST if request.method == "POST" else request.GET
    entry = entry_for(contest, source.get("entry"))
    if not request.user.is_authenticated:
        return redirect_to_login(
            request.get_full_path() if entry is None else _vote_url(contest, entry)
        )
    if request.method == "POST":
        try:
            vote = cast_vote(contest, entry, request.user, client_ip(request))
        except VotingError as refusal:
            return _confirmation(request, contest, entry, refusal)
        receipt = contest.reverse_subpage("receipt", args=[vote.receipt_code])
        return redirect(contest.get_url(request) + receipt)
    refusal = voting_refusal(contest, entry, request.user)
    if refusal is not None and refusal.status == 403:
        request.session["after_phone_verification"] = _vote_url(contest, entry)
    return _confirmation(request, contest, entry, refusal)


def _confirmation(request, contest, entry, refusal):
    """The page confirming the choice, or saying why the vote is not taken."""
    contest = _with_results(contest)
    context = contest.get_context(request)
    context.update(
        {
            "page": contest,
            "entry": entry,
            "refusal": refusal,
            "my_vote": vote_of(contest, request.user),
        }
    )
    return TemplateResponse(
        request, "contest/vote_confirm.html", context, status=refusal.status if refusal else 200
    )


def _vote_url(contest, entry):
    query = f"?entry={entry.pk}" if entry is not None else ""
    return contest.url + contest.reverse_subpage("vote") + query


def receipt_view(request, contest, code):
    """The voter's own receipt right after voting (others check codes at check/)."""
    vote = (
        Vote.objects.filter(contest=contest, receipt_code=code, voter_id=request.user.pk or 0)
        .select_related("entry")
        .first()
    )
    if vote is None:
        return redirect(contest.url + contest.reverse_subpage("check") + f"?code={code}")
    context = contest.get_context(request)
    context.update({"page": contest, "vote": vote})
    return TemplateResponse(request, "contest/receipt.html", context)


def check_view(request, contest):
    """Anyone with a receipt code sees whether that vote is counted."""
    context = contest.get_context(request)
    context["page"] = contest
    raw = request.GET.get("code", "").strip()
    status = 200
    if raw:
        code = normalise_receipt_code(raw)
        context["code"] = raw[:40]
        if code is None:
            context["error"] = _(
                "A receipt code has 12 letters and digits, for example ABCD-EFGH-JKLM."
            )
            status = 400
        else:
            vote = (
                Vote.objects.filter(contest=contest, receipt_code=code)
                .select_related("entry")
                .first()
            )
            context["vote"] = vote
            if vote is None:
                context["error"] = _("No vote with this receipt code in this contest.")
                status = 404
    return TemplateResponse(request, "contest/check.html", context, status=status)


def results_view(request, contest):
    contest = _with_results(contest)
    context = contest.get_context(request)
    context.update({"page": contest, "stage": contest.stage()})
    if contest.results_published:
        counted = tally(contest)
        context.update(
            {
                "standings": standings(contest, counted),
                "with_jury": contest.result_rule != ResultRule.VOTE or contest.has_jury(),
                "formula": formula(contest),
                "jury_formula": jury_formula(),
                "chart": results_chart(counted),
                "results": contest.results,
                "annulled": Vote.objects.filter(contest=contest)
                .filter(~Q(annulled_at=None))
                .count(),
            }
        )
    return TemplateResponse(request, "contest/results.html", context)
