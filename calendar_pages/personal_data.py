"""The calendar keeps nothing about residents (portal.personal_data)."""

from calendar_pages.models import Facility, FacilityReplan
from portal.personal_data import outside

outside(Facility, dict.fromkeys(("name", "address"), "a public facility's name and address"))
outside(FacilityReplan, {"recorded_by": "the staff member who recorded it: their work record"})
