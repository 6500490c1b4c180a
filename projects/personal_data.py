"""Projects keep nothing about residents (portal.personal_data); what looks personal is public."""

from portal.personal_data import outside
from projects.models import Indicator, Person, ProjectPage

outside(Person, {"name": "an official named in project passports, published in office"})
outside(Indicator, {"name": "the name of a project's indicator"})
outside(ProjectPage, {"short_name": "the project's short name"})
