import pytest
import time_machine

from accounts.sms import LocmemBackend
from tests.accounts.factories import NOW


@pytest.fixture
def frozen():
    """The clock stands at NOW unless a test moves it."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def sms_outbox():
    LocmemBackend.outbox.clear()
    yield LocmemBackend.outbox
    LocmemBackend.outbox.clear()
