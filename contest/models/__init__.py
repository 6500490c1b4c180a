from contest.models.audit import AuditAction, AuditEvent
from contest.models.jury import (
    ConflictDeclaration,
    Criterion,
    JuryScore,
    ResultRule,
)
from contest.models.pages import (
    ContestIndexPage,
    ContestPage,
    ContestStage,
    EntryAcceptance,
    EntryPage,
    EntryPhoto,
)
from contest.models.votes import ContestResults, Vote

__all__ = [
    "AuditAction",
    "AuditEvent",
    "ConflictDeclaration",
    "Criterion",
    "JuryScore",
    "ResultRule",
    "ContestIndexPage",
    "ContestPage",
    "ContestResults",
    "ContestStage",
    "EntryAcceptance",
    "EntryPage",
    "EntryPhoto",
    "Vote",
]
