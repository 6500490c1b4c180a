"""What the calendar keeps about a person (portal.personal_data): their calendar subscriptions."""

from django.utils.translation import gettext_lazy as _

from calendar_pages.subscriptions import CALENDAR
from portal.personal_data import register
from portal.subscriptions import holding

register(holding(CALENDAR, _("Calendar subscriptions"), order=61))
