"""Fair sign-ups arriving at the same moment, on PostgreSQL (real concurrent transactions).

SQLite serialises writers on one file lock, so these races cannot happen there and the tests are
skipped on it: run them with DATABASE_URL=postgres://… (CI does).
"""

import pytest
from django.core.exceptions import ValidationError

from producers.models import RosterEntry
from tests.producers.factories import FairDayFactory, FairFactory, ProducerFactory
from tests.races import POSTGRES_RACES, run_together

pytestmark = POSTGRES_RACES


@pytest.mark.usefixtures("directory", "on_demo_day")
def test_twelve_simultaneous_sign_ups_of_one_producer_give_one_roster_line():
    day, producer = FairDayFactory(), ProducerFactory()
    outcomes = run_together(12, lambda number: day.add_producer(producer))
    entries = [outcome for outcome in outcomes if isinstance(outcome, RosterEntry)]
    refusals = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert len(entries) == 1 and len(refusals) == 11, outcomes
    assert all("уже в списке" in refusal.messages[0] for refusal in refusals)
    assert day.roster.count() == 1


@pytest.mark.usefixtures("directory", "on_demo_day")
def test_simultaneous_sign_ups_never_exceed_the_trading_places():
    day = FairDayFactory(fair=FairFactory(trading_places=3))
    producers = [ProducerFactory(name=f"Хозяйство {number}") for number in range(10)]
    outcomes = run_together(10, lambda number: day.add_producer(producers[number]))
    assert sum(isinstance(outcome, RosterEntry) for outcome in outcomes) == 3, outcomes
    assert day.roster.count() == 3
