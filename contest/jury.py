"""The jury's rules: who may score which entry when (`scoring_refusal`), the scores themselves
(`record_scores`), a conflict of interest (`declare_conflict`), the jury score of an entry
(`jury_scores`) and who may see whose scores (`sees_all_scores`).

The jury stage is [voting opens, jury closes): acceptance ends when voting opens, so the list of
entries is fixed while jurors score. The clock is read inside the transaction, after the juror's
row is locked: one juror's scores and conflict declarations are taken one at a time, so a conflict
declared while the same juror's scores are being saved cannot leave both.

Secrecy: before the stage closes a juror sees only their own scores and nobody sees anybody
else's (the commission sees counts of scored entries); once it closes the jury and the commission
see all of them, and with published results everyone sees them, by anonymised juror number.
"""

import hashlib
import io
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contest.models import ConflictDeclaration, Criterion, JuryScore
from contest.models.jury import SCORE_PERMISSION
from portal.csv import SafeWriter

COMMISSION_PERMISSION = "contest.view_vote"
HUNDRED = Decimal(100)


class JuryError(Exception):
    """The scores or the declaration were not taken; `message` is the Russian reason, `status`
    the HTTP answer."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def is_juror(user):
    return user.is_authenticated and user.has_perm(SCORE_PERMISSION)


def sees_all_scores(user, contest, now=None):
    """Everyone's scores: the jury and the commission, once the jury stage has closed."""
    if not contest.is_jury_closed(now):
        return False
    return is_juror(user) or user.has_perm(COMMISSION_PERMISSION)


def criteria_of(contest):
    return list(Criterion.objects.filter(contest=contest).order_by("sort_order", "pk"))


def scoring_refusal(contest, entry, juror, now=None):
    """Why `juror` may not score `entry` now, or None. Asks the database about the conflict."""
    now = now or timezone.now()
    if not is_juror(juror):
        return JuryError(_("Only members of the jury score entries."), status=403)
    if entry is None or not entry.live or entry.get_parent().pk != contest.pk:
        return JuryError(_("There is no such entry in this contest."), status=404)
    if not entry.is_accepted:
        return JuryError(_("This entry is not accepted: the jury does not score it."))
    if not contest.has_jury():
        return JuryError(_("This contest has no jury stage."), status=404)
    if now < contest.voting_opens_at:
        return JuryError(_("Jury scoring opens together with voting."), status=403)
    if now >= contest.jury_closes_at:
        return JuryError(_("Jury scoring is closed."), status=403)
    if ConflictDeclaration.objects.filter(entry=entry, juror=juror).exists():
        return JuryError(
            _("You declared a conflict of interest about this entry: you do not score it."),
            status=403,
        )
    return None


def _lock(juror):
    get_user_model().objects.select_for_update().filter(pk=juror.pk).first()


def record_scores(contest, entry, juror, scores, *, now=None):
    """Save `juror`'s scores of `entry` ({criterion id: score}); a score for every criterion of
    the contest, each in 0..its scale. Saving again replaces the juror's earlier scores."""
    criteria = criteria_of(contest)
    if not criteria:
        raise JuryError(_("This contest has no jury criteria."), status=404)
    values = {}
    for criterion in criteria:
        value = scores.get(criterion.pk)
        if not isinstance(value, int) or not 0 <= value <= criterion.scale_max:
            raise JuryError(
                _("Score «%(criterion)s» from 0 to %(max)s.")
                % {"criterion": criterion.name, "max": criterion.scale_max}
            )
        values[criterion] = value
    with transaction.atomic():
        _lock(juror)
        moment = now or timezone.now()  # read inside the transaction, after the lock
        refusal = scoring_refusal(contest, entry, juror, moment)
        if refusal is not None:
            raise refusal
        JuryScore.objects.bulk_create(
            [
                JuryScore(
                    contest=contest,
                    entry=entry,
                    juror=juror,
                    criterion=criterion,
                    score=value,
                    created_at=moment,
                    updated_at=moment,
                )
                for criterion, value in values.items()
            ],
            update_conflicts=True,
            unique_fields=["entry", "juror", "criterion"],
            update_fields=["score", "updated_at"],
        )


def declare_conflict(contest, entry, juror, reason, *, now=None):
    """`juror` is related to `entry`: record it and remove the juror's scores of it (the jury
    score of the entry is then the others' average). Declared once, while scoring is open."""
    reason = (reason or "").strip()
    if not reason:
        raise JuryError(_("Say how you are related to this entry."))
    with transaction.atomic():
        _lock(juror)
        moment = now or timezone.now()
        refusal = scoring_refusal(contest, entry, juror, moment)
        if refusal is not None:
            raise refusal
        JuryScore.objects.filter(entry=entry, juror=juror).delete()
        return ConflictDeclaration.objects.create(
            contest=contest, entry=entry, juror=juror, reason=reason, declared_at=moment
        )


def jury_scores(contest, criteria=None):
    """{entry id: jury score in 0..100 (Decimal, 2 places)} for entries with at least one score.

    J = 100 · Σ_c w_c · (m_c / S_c) / Σ_c w_c, where m_c is the mean of the jurors' scores of the
    entry on criterion c, S_c its highest score and w_c its weight; the sums run over the criteria
    the entry has scores on (a juror saves all criteria at once, so that is every criterion unless
    one was added later).
    """
    criteria = {c.pk: c for c in (criteria if criteria is not None else criteria_of(contest))}
    sums = {}
    for entry_id, criterion_id, score in JuryScore.objects.filter(contest=contest).values_list(
        "entry_id", "criterion_id", "score"
    ):
        total, count = sums.get((entry_id, criterion_id), (0, 0))
        sums[(entry_id, criterion_id)] = (total + score, count + 1)
    weighted, weights = {}, {}
    for (entry_id, criterion_id), (total, count) in sums.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            continue
        part = Decimal(total) / count / criterion.scale_max
        weighted[entry_id] = weighted.get(entry_id, 0) + criterion.weight * part
        weights[entry_id] = weights.get(entry_id, 0) + criterion.weight
    return {
        entry_id: (HUNDRED * weighted[entry_id] / weights[entry_id]).quantize(Decimal("0.01"))
        for entry_id in weighted
    }


@dataclass
class Progress:
    entry: object
    scored: bool  # by this juror
    conflict: bool  # declared by this juror
    jurors: int  # how many jurors have scored it


def progress(contest, entries, juror):
    """Each entry with the juror's own state and the count of jurors who scored it (counts, not
    scores: safe to show before the stage closes)."""
    rows = JuryScore.objects.filter(contest=contest).values_list("entry_id", "juror_id").distinct()
    jurors, own = {}, set()
    for entry_id, juror_id in rows:
        jurors[entry_id] = jurors.get(entry_id, 0) + 1
        if juror_id == juror.pk:
            own.add(entry_id)
    conflicts = set(
        ConflictDeclaration.objects.filter(contest=contest, juror=juror).values_list(
            "entry_id", flat=True
        )
    )
    return [
        Progress(entry, entry.pk in own, entry.pk in conflicts, jurors.get(entry.pk, 0))
        for entry in entries
    ]


def own_scores(entry, juror):
    """{criterion id: score} of this juror for this entry."""
    return dict(
        JuryScore.objects.filter(entry=entry, juror=juror).values_list("criterion_id", "score")
    )


def juror_numbers(contest):
    """{juror id: 1, 2, …}: jurors numbered in the order of their account ids, for the
    anonymised score list."""
    ids = sorted(set(JuryScore.objects.filter(contest=contest).values_list("juror_id", flat=True)))
    return {juror_id: number for number, juror_id in enumerate(ids, start=1)}


SCORES_HEADER = ["juror", "entry_id", "entry", "criterion", "weight", "scale_max", "score"]


def score_rows(contest):
    numbers = juror_numbers(contest)
    scores = (
        JuryScore.objects.filter(contest=contest)
        .select_related("entry", "criterion")
        .order_by("entry_id", "criterion__sort_order", "criterion_id", "juror_id")
    )
    for score in scores:
        yield [
            numbers[score.juror_id],
            score.entry_id,
            score.entry.title,
            score.criterion.name,
            score.criterion.weight,
            score.criterion.scale_max,
            score.score,
        ]


def scores_csv_bytes(contest):
    """The jury's scores by anonymised juror number, as UTF-8 CSV (formula cells neutralised
    before the checksum is taken, as for the ballot list)."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\n")
    writer.writerow(SCORES_HEADER)
    writer.writerows(score_rows(contest))
    return buffer.getvalue().encode("utf-8")


def scores_checksum(contest):
    return hashlib.sha256(scores_csv_bytes(contest)).hexdigest()
