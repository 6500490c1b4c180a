"""The fixed vocabularies of a project passport: sector, status and funding source."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    EDUCATION = "education", _("Education")
    YOUTH_POLICY = "youth-policy", _("Youth policy")
    CONSUMER_MARKET = "consumer-market", _("Consumer market")
    ECOLOGY_AGRICULTURE = "ecology-agriculture", _("Ecology and agriculture")
    MUNICIPAL_SERVICE = "municipal-service", _("Municipal service")
    CIVIL_SOCIETY = "civil-society", _("Civil society")
    URBAN_DEVELOPMENT = "urban-development", _("Urban development")
    CULTURE = "culture", _("Culture")
    SPORT = "sport", _("Sport")
    HEALTHCARE = "healthcare", _("Healthcare")


class ProjectStatus(models.TextChoices):
    PROPOSAL = "proposal", _("Proposal")
    APPROVED = "approved", _("Approved by the project committee")
    IN_PROGRESS = "in-progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")


# A project the committee has accepted, whatever stage it has reached since.
APPROVED_STATUSES = [ProjectStatus.APPROVED, ProjectStatus.IN_PROGRESS, ProjectStatus.COMPLETED]


class FundingSource(models.TextChoices):
    FEDERAL = "federal", _("Federal budget")
    REGIONAL = "regional", _("Regional budget")
    CITY = "city", _("City budget")
    EXTRA_BUDGETARY = "extra-budgetary", _("Extra-budgetary sources")
