"""Municipal project passports, split by concept: the vocabularies, the people, the passport's
tables, its control points and the pages."""

from projects.models.alerts import AlertKind, ControlPointAlert, OfficeDigest
from projects.models.choices import APPROVED_STATUSES, FundingSource, ProjectStatus, Sector
from projects.models.committee import (
    CommitteeDecision,
    CommitteeMeeting,
    DecisionKind,
    PassportVersion,
)
from projects.models.control_points import (
    DUE_SOON_DAYS,
    ControlPoint,
    ControlPointStatus,
    control_point_status,
)
from projects.models.pages import ProjectIndexPage, ProjectPage
from projects.models.passport import (
    BudgetLine,
    BudgetTable,
    Indicator,
    SectionLink,
    budget_table,
    parse_targets,
)
from projects.models.people import Person
from projects.models.reports import ControlPointReport, IndicatorFact, ReportState

__all__ = [
    "AlertKind",
    "CommitteeDecision",
    "CommitteeMeeting",
    "ControlPointAlert",
    "ControlPointReport",
    "DecisionKind",
    "IndicatorFact",
    "OfficeDigest",
    "PassportVersion",
    "ReportState",
    "APPROVED_STATUSES",
    "DUE_SOON_DAYS",
    "BudgetLine",
    "BudgetTable",
    "ControlPoint",
    "ControlPointStatus",
    "FundingSource",
    "Indicator",
    "Person",
    "ProjectIndexPage",
    "ProjectPage",
    "ProjectStatus",
    "SectionLink",
    "Sector",
    "budget_table",
    "control_point_status",
    "parse_targets",
]
