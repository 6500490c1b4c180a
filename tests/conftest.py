import shutil

import pytest

from tests.factories import build_site

# An Elasticsearch address nothing answers: tests with a cluster mock its client.
CLUSTER = "http://search.invalid:9200"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes its uploads and renditions (and private files) to a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    yield settings.MEDIA_ROOT
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)
    shutil.rmtree(settings.PRIVATE_MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def site_tree(db):
    """(home, news_index) with the home page as the default site's root."""
    return build_site()


@pytest.fixture
def home(site_tree):
    return site_tree[0]


@pytest.fixture
def news_index(site_tree):
    return site_tree[1]


@pytest.fixture
def cluster_settings(settings):
    """Elasticsearch switched on, at an address nothing answers (the client is mocked)."""
    settings.ELASTICSEARCH_URL = CLUSTER
    settings.ELASTICSEARCH_INDEX_PREFIX = "test_"
    settings.PORTAL_CATALOG_SEARCH = "elasticsearch"
    return settings


@pytest.fixture(autouse=True)
def empty_cache():
    """The in-memory cache outlives a test; each test starts with it empty."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def signed_in_with_second_factor(monkeypatch):
    """`client.force_login()` and `client.login()` count as a complete sign-in, TOTP included.

    The admin is closed to staff until their session has confirmed a TOTP code (accounts.mfa).
    force_login already skips the password; tests of admin views are about the views, so it skips
    the second factor too: staff get a TOTP authenticator if they have none, and the session gets
    allauth's records of a password and a TOTP sign-in, exactly what a real sign-in leaves.
    client.login() passes a request along, which django-axes needs to count sign-ins.
    The sign-in itself is tested with real passwords and codes in tests/accounts/test_staff_*.py.
    """
    from django.test import Client, RequestFactory

    original_login, original_force_login = Client.login, Client.force_login

    def login(self, **credentials):
        # django-axes (the sign-in lockout) needs the request that authenticate() is given.
        credentials.setdefault("request", RequestFactory().post("/accounts/login/"))
        signed_in = original_login(self, **credentials)
        if signed_in:
            _record_second_factor(self)
        return signed_in

    def force_login(self, user, backend=None):
        original_force_login(self, user, backend)
        _record_second_factor(self, user)

    monkeypatch.setattr(Client, "login", login)
    monkeypatch.setattr(Client, "force_login", force_login)


def _record_second_factor(client, user=None):
    import time

    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import SESSION_KEY, get_user_model

    from accounts.staff import requires_second_factor

    session = client.session
    if user is None:
        user = get_user_model().objects.get(pk=session[SESSION_KEY])
    records = [{"method": "password", "at": time.time(), "username": user.get_username()}]
    if requires_second_factor(user):
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp is None:
            totp = TOTP.activate(user, generate_totp_secret()).instance
        records.append({"method": "mfa", "at": time.time(), "id": totp.pk, "type": totp.type})
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()
