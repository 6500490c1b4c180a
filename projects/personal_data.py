"""Projects keep nothing about residents (portal.personal_data); what looks personal is public."""

from portal.personal_data import outside
from projects.models import Indicator, Person, ProjectPage

outside(Person, {"name": "an official named in project passports, published in office"})
outside(Indicator, {"name": "the name of a project's indicator"})
outside(ProjectPage, {"short_name": "the project's short name"})

# The project committee (projects.committee).
from projects.models import CommitteeDecision  # noqa: E402

outside(
    CommitteeDecision,
    {"recorded_by": "the project office member who recorded the decision: their work record"},
)
