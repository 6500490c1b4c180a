import datetime

import pytest
import time_machine

from tests.producers.factories import ProducerIndexPageFactory

# The demo's "today": Thursday 26 November 2026.
TODAY = datetime.datetime(2026, 11, 26, 12, tzinfo=datetime.UTC)


@pytest.fixture
def directory(home):
    return ProducerIndexPageFactory(parent=home)


@pytest.fixture
def on_demo_day():
    with time_machine.travel(TODAY, tick=False):
        yield
