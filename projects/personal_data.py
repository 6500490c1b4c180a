"""Projects keep nothing about residents (portal.personal_data): the people named are officials
and staff, and what they did here is a record of their work."""

from portal.personal_data import outside
from projects.models import (
    CommitteeDecision,
    ControlPointReport,
    Indicator,
    IndicatorFact,
    Person,
    ProjectPage,
)

STAFF_WORK = "the staff member who did it: a record of their work"
REPORT_SIGNATURES = {"reported_by": STAFF_WORK, "decided_by": STAFF_WORK}

outside(
    Person,
    {
        "name": "an official named in project passports, published in office",
        "user": "the official's staff account, through which the project team reports",
    },
)
outside(Indicator, {"name": "the name of a project's indicator"})
outside(ProjectPage, {"short_name": "the project's short name"})
outside(ControlPointReport, REPORT_SIGNATURES)
outside(IndicatorFact, REPORT_SIGNATURES)
outside(CommitteeDecision, {"recorded_by": STAFF_WORK})
