from contest.models.applications import (
    ApplicationDocument,
    ApplicationEvent,
    ApplicationPhoto,
    ApplicationState,
    EntryApplication,
)
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
from contest.models.tos import Tos, TosStatus
from contest.models.votes import ContestResults, Vote

__all__ = [
    "ApplicationDocument",
    "ApplicationEvent",
    "ApplicationPhoto",
    "ApplicationState",
    "EntryApplication",
    "Tos",
    "TosStatus",
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
