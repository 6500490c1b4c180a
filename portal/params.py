"""One parser for every integer and month a visitor sends in a query string or a form.

Whatever arrives (Unicode digits such as "²", 25-digit numbers, "0001-01"), a value is either
inside the range the portal can use or refused with `BadParameterError`, which carries the Russian
reason and the HTTP status, like contest.voting.VotingError. Nothing out of range reaches the
database (PostgreSQL's bigint, SQLite's INTEGER) or date arithmetic (`datetime.date` ends in 9999).
The filter sets use the same bounds through portal.filtering.
"""

import datetime
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Years the portal's calendars, news and projects can be about.
YEAR_MIN, YEAR_MAX = 1990, 2100
# Primary keys are BigAutoField: PostgreSQL's bigint.
ID_MAX = 2**63 - 1
# A plain ASCII integer: int() also takes "١٢" and "1_000", which no visitor means.
INTEGER = re.compile(r"[+-]?[0-9]{1,20}")
MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")

YEAR_MESSAGE = gettext_lazy("Enter the year as four digits, for example 2026.")
MONTH_MESSAGE = gettext_lazy("Enter the month as YYYY-MM, for example 2026-11.")


class BadParameterError(ValueError):
    """A parameter the portal cannot use; `message` is the Russian reason, `status` the answer."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def parse_int(value, *, minimum, maximum, message=None):
    """The integer in `value` within [minimum, maximum], None when blank, else BadParameterError."""
    text = str(value).strip() if value is not None else ""
    if not text:
        return None
    if not INTEGER.fullmatch(text) or not minimum <= int(text) <= maximum:
        raise BadParameterError(
            message
            or _("Enter a whole number from %(minimum)d to %(maximum)d.")
            % {"minimum": minimum, "maximum": maximum}
        )
    return int(text)


def parse_id(value):
    """A record's id: a positive integer the database can hold, None when blank."""
    return parse_int(value, minimum=1, maximum=ID_MAX, message=_("There is no such record."))


def parse_year(value):
    return parse_int(value, minimum=YEAR_MIN, maximum=YEAR_MAX, message=str(YEAR_MESSAGE))


def parse_month(value):
    """The first day of the month written as YYYY-MM within the portal's years, None when blank."""
    text = str(value).strip() if value is not None else ""
    if not text:
        return None
    match = MONTH.fullmatch(text)
    if not match:
        raise BadParameterError(str(MONTH_MESSAGE))
    year, month = int(match[1]), int(match[2])
    if not (YEAR_MIN <= year <= YEAR_MAX and 1 <= month <= 12):
        raise BadParameterError(str(MONTH_MESSAGE))
    return datetime.date(year, month, 1)
