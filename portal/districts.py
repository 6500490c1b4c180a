"""The four districts of Sochi: one list for every section (facilities, producers, fairs, ТОС,
adoption applicants)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class District(models.TextChoices):
    CENTRAL = "central", _("Tsentralny district")
    KHOSTINSKY = "khostinsky", _("Khostinsky district")
    ADLERSKY = "adlersky", _("Adlersky district")
    LAZAREVSKY = "lazarevsky", _("Lazarevsky district")
