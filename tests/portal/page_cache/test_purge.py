"""A proxy in front is purged of exactly the pages a committed write out-dated, by the worker."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from portal.models import MainMenu
from portal.page_cache import purge
from tests.shelter.factories import PetFactory, ShelterIndexPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class RecordingBackend(BaseBackend):
    purged: list[str] = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def proxy(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": f"{RecordingBackend.__module__}.RecordingBackend"}
    }
    settings.PAGE_CACHE_PROXY_MAX_AGE = 300
    RecordingBackend.purged = []
    return RecordingBackend


@pytest.fixture
def shelter(home):
    return ShelterIndexPageFactory(parent=home)


def queued_purges():
    return [
        result.args_kwargs["args"][0]
        for result in DBTaskResult.objects.filter(task_path=purge.purge_urls.module_path)
    ]


def test_a_proxy_may_keep_a_public_page_for_the_configured_time(client, shelter, proxy):
    client.get("/")
    response = client.get("/")
    assert "s-maxage=300" in response["Cache-Control"]


def test_a_committed_write_queues_a_purge_of_the_pages_that_read_it(client, shelter, proxy):
    pet = PetFactory(name="Бобик")
    client.get(f"{shelter.url}pets/{pet.pk}/")  # has a form: the visitor's own, never noted
    client.get("/")
    assert queued_purges() == []
    MainMenu.objects.update(items=[])  # every page reads the menu
    assert queued_purges() == [["http://testserver/"]]
    purge.purge_urls.call(queued_purges()[0])
    assert proxy.purged == ["http://testserver/"]


def test_a_write_no_kept_page_read_queues_nothing(client, shelter, proxy):
    client.get("/")
    SessionStore().save()
    assert queued_purges() == []


def test_without_a_front_end_cache_nothing_is_noted_or_queued(client, shelter, settings):
    settings.PAGE_CACHE_PROXY_MAX_AGE = 300
    client.get("/")
    MainMenu.objects.update(items=[])
    assert queued_purges() == []
