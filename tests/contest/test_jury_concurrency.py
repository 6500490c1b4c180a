"""The jury's writes at the same moment, on PostgreSQL (real concurrent transactions).

One juror's scores and conflict declarations are taken one at a time (the juror's row is locked,
contest.jury), and a score is one row per (entry, juror, criterion) by a unique constraint.
"""

from contest.jury import JuryError, declare_conflict, record_scores
from contest.models import ConflictDeclaration, JuryScore
from tests.contest.factories import NOW
from tests.contest.jury_factories import juror, with_jury
from tests.races import POSTGRES_RACES, run_together

pytestmark = POSTGRES_RACES


def test_twenty_saves_of_one_jurors_scores_leave_one_row_per_criterion(contest, entries):
    criteria = with_jury(contest, criteria=[("Благоустройство", 2, 10), ("Вовлечённость", 1, 5)])
    anna = juror("juror-anna")
    outcomes = run_together(
        20,
        lambda n: record_scores(
            contest, entries[0], anna, {criteria[0].pk: n % 11, criteria[1].pk: n % 6}, now=NOW
        ),
    )
    assert [outcome for outcome in outcomes if outcome is not None] == []
    rows = JuryScore.objects.filter(entry=entries[0], juror=anna)
    assert rows.count() == 2
    # The last save wins whole: both scores come from the same save n.
    first, second = (rows.get(criterion=c).score for c in criteria)
    assert any(first == n % 11 and second == n % 6 for n in range(20))


def test_a_conflict_racing_scores_never_leaves_both(contest, entries):
    criteria = with_jury(contest, criteria=[("Благоустройство", 2, 10)])
    anna = juror("juror-anna")

    def act(number):
        if number % 2:
            return declare_conflict(contest, entries[0], anna, "Родственник", now=NOW)
        return record_scores(contest, entries[0], anna, {criteria[0].pk: 5}, now=NOW)

    outcomes = run_together(10, act)
    assert all(o is None or isinstance(o, ConflictDeclaration | JuryError) for o in outcomes), (
        outcomes
    )
    assert ConflictDeclaration.objects.count() == 1
    assert not JuryScore.objects.filter(entry=entries[0], juror=anna).exists()
