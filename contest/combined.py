"""The combined result: the jury score, the public vote and the contest's rule joining them, and
the anonymised list of the jury's scores with its checksum.

Both parts are on 0..100: the jury score J (contest.jury.jury_scores) and the vote share V, the
percent of counted votes (as in contest.results.tally). The rule (ContestPage.result_rule):
  jury only:  R = J
  vote only:  R = V (ranked by votes, as before)
  weighted:   R = (w·J + (100 − w)·V) / 100, w = the jury's weight in percent.
An entry nobody scored has J = 0. Ties (equal R to 2 places) share a rank.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from contest.jury import criteria_of, jury_scores
from contest.models import ResultRule
from contest.results import tally

CENT = Decimal("0.01")
ZERO = Decimal(0)


@dataclass
class CombinedStanding:
    rank: int
    entry: object
    votes: int
    share: float  # percent of counted votes, 1 place (as tally)
    jury: Decimal | None  # 0..100, None when the contest has no jury or nobody scored
    result: Decimal  # what the ranking is by


def combine(rule, jury_weight, jury, vote_share):
    """R from J and V (both 0..100, Decimal) by the rule; see the module's docstring."""
    jury = jury if jury is not None else ZERO
    if rule == ResultRule.JURY:
        return jury.quantize(CENT)
    if rule == ResultRule.WEIGHTED:
        weight = Decimal(jury_weight)
        return ((weight * jury + (100 - weight) * vote_share) / 100).quantize(CENT)
    return vote_share.quantize(CENT)


def standings(contest, counted=None):
    """Accepted entries by the contest's rule, best first, ties sharing a rank; `counted` is
    contest.results.tally(contest) when the caller has it already."""
    counted = tally(contest) if counted is None else counted
    total = sum(standing.votes for standing in counted)
    jury = jury_scores(contest) if contest.has_jury() else {}
    rows = []
    for standing in counted:
        share = Decimal(100 * standing.votes) / total if total else ZERO
        score = jury.get(standing.entry.pk)
        result = combine(contest.result_rule, contest.jury_weight_percent, score, share)
        rows.append((standing, score, result))
    if contest.result_rule == ResultRule.VOTE:
        key = lambda row: (-row[0].votes, row[0].entry.title)  # noqa: E731
    else:
        key = lambda row: (-row[2], row[0].entry.title)  # noqa: E731
    rows.sort(key=key)
    ranked, rank, previous = [], 0, None
    for position, (standing, score, result) in enumerate(rows, start=1):
        value = standing.votes if contest.result_rule == ResultRule.VOTE else result
        if value != previous:
            rank, previous = position, value
        ranked.append(
            CombinedStanding(rank, standing.entry, standing.votes, standing.share, score, result)
        )
    return ranked


def jury_formula():
    return _(
        "Jury score = 100 × Σ (criterion weight × mean of the jurors' scores / highest score) "
        "/ Σ criterion weights."
    )


def formula(contest):
    """The rule in Russian words, for the results page."""
    if contest.result_rule == ResultRule.JURY:
        return _("Result = jury score (0–100); the public vote is shown but does not count.")
    if contest.result_rule == ResultRule.WEIGHTED:
        weight = contest.jury_weight_percent
        return _(
            "Result = (%(jury)s × jury score + %(vote)s × share of votes) / 100, both on 0–100."
        ) % {"jury": weight, "vote": 100 - weight}
    return _("Result = share of counted votes, %.")


def has_criteria(contest):
    return bool(criteria_of(contest))
