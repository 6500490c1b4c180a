import pytest
import time_machine

from accounts.sms import LocmemBackend
from tests.contest.factories import (
    NOW,
    ContestIndexPageFactory,
    ContestPageFactory,
    accepted_entry,
    citizen,
)


@pytest.fixture
def frozen():
    """The clock stands at NOW (voting open) unless a test moves it."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def contest_index(home):
    return ContestIndexPageFactory(parent=home)


@pytest.fixture
def contest(contest_index):
    return ContestPageFactory(parent=contest_index, slug="2026", title="Конкурс 2026")


@pytest.fixture
def entries(contest):
    return [accepted_entry(contest, title=f"ТОС «Участник {n}»") for n in range(3)]


@pytest.fixture
def voter(db):
    return citizen("voter")


@pytest.fixture(autouse=True)
def sms_outbox():
    LocmemBackend.outbox.clear()
    yield LocmemBackend.outbox
    LocmemBackend.outbox.clear()
