"""Demo of the contest jury: criteria for both contests, three generated jurors (no passwords,
cannot sign in) and their scores of the 2025 entries, one conflict of interest among them, so
the published 2025 results combine the jury and the vote; the 2026 jury is scoring now (the demo
account «juror» of ensure_demo_users can join it).

Idempotent: a contest that has criteria already is left as it is, and so is a contest whose
results are published (scores cannot be added after publication).
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from contest.models import ConflictDeclaration, Criterion, JuryScore
from portal import roles

CRITERIA = [
    ("Благоустройство территории", "Что сделано руками жителей за год.", Decimal(3), 10),
    ("Вовлечённость жителей", "Сколько жителей участвует в делах ТОС.", Decimal(2), 10),
    ("Работа с детьми и старшими", "Праздники, кружки, помощь пожилым.", Decimal(1), 5),
]
JURORS = ["demo-juror-1", "demo-juror-2", "demo-juror-3"]


def ensure_jury(contest, note, *, closes_at, rule, jury_weight):
    """Give `contest` its jury stage and criteria, as an editor would in the page editor."""
    if contest.results_published or Criterion.objects.filter(contest=contest).exists():
        return False
    contest.jury_closes_at = closes_at
    contest.result_rule = rule
    contest.jury_weight_percent = jury_weight
    for order, (name, description, weight, scale) in enumerate(CRITERIA):
        contest.jury_criteria.add(
            Criterion(
                name=name,
                description=description,
                weight=weight,
                scale_max=scale,
                sort_order=order,
            )
        )
    contest.save_revision().publish()
    note(f"jury criteria of «{contest.title}»")
    return True


def demo_jurors():
    roles.ensure_roles()
    group = Group.objects.get(name=roles.JURY)
    user_model = get_user_model()
    jurors = []
    for username in JURORS:
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@jury.sochi.example", "is_staff": True},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.groups.add(group)
        jurors.append(user)
    return jurors


def ensure_past_scores(contest, note, *, at):
    """Scores of every accepted entry by each demo juror; juror 3 lives on the territory of the
    second entry and declared it instead."""
    if JuryScore.objects.filter(contest=contest).exists() or contest.results_published:
        return
    criteria = list(Criterion.objects.filter(contest=contest).order_by("sort_order"))
    entries = list(contest.accepted_entries())
    jurors = demo_jurors()
    rng = random.Random(2025)
    conflict = (entries[1], jurors[2])
    ConflictDeclaration.objects.create(
        contest=contest,
        entry=conflict[0],
        juror=conflict[1],
        reason="Живу на территории этого ТОС.",
        declared_at=at,
    )
    scores = []
    for rank, entry in enumerate(entries):
        strength = 1 - rank / (2 * len(entries))  # earlier entries a little stronger
        for juror in jurors:
            if (entry, juror) == conflict:
                continue
            for criterion in criteria:
                high = criterion.scale_max
                value = round(high * strength) - rng.randrange(0, max(2, high // 3))
                scores.append(
                    JuryScore(
                        contest=contest,
                        entry=entry,
                        juror=juror,
                        criterion=criterion,
                        score=min(high, max(0, value)),
                        created_at=at + datetime.timedelta(minutes=len(scores)),
                        updated_at=at + datetime.timedelta(minutes=len(scores)),
                    )
                )
    JuryScore.objects.bulk_create(scores)
    note(f"{len(scores)} jury scores in «{contest.title}»")
