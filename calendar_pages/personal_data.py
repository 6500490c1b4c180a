"""What the calendar keeps about a person (portal.personal_data): their calendar subscriptions.
Facilities and their replans name places and staff, not residents."""

from django.utils.translation import gettext_lazy as _

from calendar_pages.models import Facility, FacilityReplan
from calendar_pages.subscriptions import CALENDAR
from portal.personal_data import outside, register
from portal.subscriptions import holding

register(holding(CALENDAR, _("Calendar subscriptions"), order=52))
outside(Facility, dict.fromkeys(("name", "address"), "a public facility's name and address"))
outside(FacilityReplan, {"recorded_by": "the staff member who recorded it: their work record"})
