"""Health check, security headers and demo content.

The switch of the version for the visually impaired is in test_accessibility_mode.py.
"""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from home.models import HomePage, StandardPage
from news.models import NewsPage
from portal import mail as portal_mail
from portal.models import OutboundEmail
from portal.sections import SECTIONS
from tests.portal.csp import parse_csp
from tests.portal.faults import database_refusing_writes

pytestmark = pytest.mark.django_db


OK_CHECKS = {"database": "ok", "cache": "ok", "backlog": "ok"}


class TestHealthz:
    def test_answers_200_when_database_and_cache_work(self, client):
        response = client.get("/healthz")
        assert response.status_code == 200
        body = response.json()
        assert body["status"] == "ok" and body["checks"] == OK_CHECKS
        assert body["backlog"]["mail_pending"] == 0
        assert "no-cache" in response["Cache-Control"]

    def test_the_write_probe_leaves_nothing_behind(self, client):
        client.get("/healthz")
        assert not OutboundEmail.objects.exists()

    def test_answers_503_when_the_database_is_down(self, client):
        with mock.patch.object(connection, "cursor", side_effect=Exception("down")):
            response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["checks"]["database"] == "error"

    @pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite variant of the next test")
    def test_answers_503_when_sqlite_refuses_writes(self, client):
        with database_refusing_writes():
            response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["checks"]["database"] == "read-only"

    @pytest.mark.postgres
    @pytest.mark.django_db(transaction=True, serialized_rollback=True)
    @pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (default_transaction_read_only)"
    )
    def test_answers_503_when_postgresql_refuses_writes(self, client):
        with database_refusing_writes():
            response = client.get("/healthz")
        assert response.status_code == 503
        body = response.json()
        assert body["checks"]["database"] == "read-only"
        assert body["backlog"]["mail_pending"] == 0  # reads still answer

    def test_a_down_search_cluster_is_reported_but_keeps_the_portal_in_service(
        self, client, settings
    ):
        from elasticsearch import ConnectionError as ClusterDown

        settings.ELASTICSEARCH_URL = "http://es.invalid:9200"
        with mock.patch(
            "portal.search.es.health.get_client", side_effect=ClusterDown("unreachable")
        ):
            response = client.get("/healthz")
        assert response.status_code == 200
        assert response.json()["checks"] == {**OK_CHECKS, "search": "error"}

    def test_answers_503_when_the_cache_is_down(self, client):
        with mock.patch("portal.health.cache.set", side_effect=ConnectionError("down")):
            response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["checks"] == {**OK_CHECKS, "cache": "error"}


class TestHealthzBacklog:
    def make_pending_mail(self, age):
        email = OutboundEmail.objects.create(
            to="a@example.org", subject="s", body="b", template="t"
        )
        OutboundEmail.objects.filter(pk=email.pk).update(created_at=timezone.now() - age)

    def test_reports_the_outbox_and_task_backlog(self, client):
        self.make_pending_mail(datetime.timedelta(minutes=10))
        portal_mail.retry_email.using(
            run_after=timezone.now() - datetime.timedelta(minutes=3)
        ).enqueue(1)
        response = client.get("/healthz")
        assert response.status_code == 200
        backlog = response.json()["backlog"]
        assert backlog["mail_pending"] == 1
        assert 590 <= backlog["mail_oldest_pending_seconds"] <= 700
        assert backlog["tasks_ready"] == 1
        assert 170 <= backlog["tasks_oldest_ready_seconds"] <= 280

    def test_a_planned_retry_is_not_late(self, client):
        portal_mail.retry_email.using(
            run_after=timezone.now() + datetime.timedelta(hours=6)
        ).enqueue(1)
        assert client.get("/healthz").json()["backlog"]["tasks_ready"] == 0

    def test_backlog_older_than_the_threshold_answers_503(self, client, settings):
        settings.PORTAL_HEALTH_MAX_BACKLOG_AGE = 3600
        self.make_pending_mail(datetime.timedelta(hours=2))
        response = client.get("/healthz")
        assert response.status_code == 503
        assert response.json()["checks"] == {**OK_CHECKS, "backlog": "late"}

    def test_threshold_zero_only_reports(self, client, settings):
        settings.PORTAL_HEALTH_MAX_BACKLOG_AGE = 0
        self.make_pending_mail(datetime.timedelta(days=2))
        assert client.get("/healthz").status_code == 200


class TestSecurityHeaders:
    def test_public_pages_carry_a_strict_policy(self, client, home):
        response = client.get("/")
        csp = parse_csp(response["Content-Security-Policy"])
        assert csp["default-src"] == ["'self'"]
        assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
        assert csp["object-src"] == ["'none'"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "geolocation=()" in response["Permissions-Policy"]
        assert response["X-Frame-Options"] == "SAMEORIGIN"

    def test_public_templates_have_no_inline_scripts_or_styles(self, client, news_index):
        html = client.get("/news/").content.decode()
        assert "<script>" not in html and "<style" not in html and " style=" not in html

    def test_the_policy_built_once_follows_the_settings(self, client, home, settings):
        policy = settings.CONTENT_SECURITY_POLICY
        first = parse_csp(client.get("/")["Content-Security-Policy"])
        settings.CONTENT_SECURITY_POLICY = {
            "DIRECTIVES": {**policy["DIRECTIVES"], "img-src": ["'self'", "https://tiles.example"]}
        }
        second = parse_csp(client.get("/")["Content-Security-Policy"])
        assert "https://tiles.example" not in first["img-src"]
        assert "https://tiles.example" in second["img-src"]

    def test_a_views_own_policy_is_still_applied(self, rf, settings):
        from csp.decorators import csp_update
        from django.http import HttpResponse

        from portal.middleware import PortalCSPMiddleware

        @csp_update({"connect-src": ["https://api.example"]})
        def view(request):
            return HttpResponse("ok")

        request = rf.get("/some-view/")
        middleware = PortalCSPMiddleware(view)
        csp = parse_csp(middleware(request)["Content-Security-Policy"])
        assert "https://api.example" in csp["connect-src"]

    def test_admin_policy_is_relaxed_only_for_the_admin(self, admin_client, home):
        csp = parse_csp(admin_client.get("/admin/")["Content-Security-Policy"])
        assert "'unsafe-inline'" in csp["script-src"]


class TestDemoContent:
    def test_builds_the_whole_tree_once(self, capsys):
        call_command("load_demo")
        first = capsys.readouterr().out
        home = HomePage.objects.get()
        assert {page.slug for page in home.get_children()} == {s.slug for s in SECTIONS}
        assert NewsPage.objects.live().count() >= 20
        # Every section is built: no landing-page placeholder is left.
        assert not StandardPage.objects.child_of(home).exclude(slug="about").exists()
        assert "news «" in first and "created" in first
        first_news = NewsPage.objects.order_by("-date").first()
        assert first_news.main_image is not None

        call_command("load_demo")
        assert "nothing created" in capsys.readouterr().out
        assert NewsPage.objects.count() == len({p.slug for p in NewsPage.objects.all()})

    def test_the_first_news_item_retells_the_seed(self):
        from news.demo.content import NEWS_ITEMS

        seed = NEWS_ITEMS[0]
        text = " ".join([seed["title"], seed["lead"], *seed["paragraphs"]])
        for fact in ("33", "10", "проектн"):
            assert fact in text


@override_settings(DEBUG=False)
def test_production_settings_require_a_secret_key(monkeypatch):
    import importlib
    import sys

    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("ALLOWED_HOSTS", "sochi.example")
    sys.modules.pop("portal.settings.production", None)
    with pytest.raises(ImproperlyConfigured):
        importlib.import_module("portal.settings.production")


def redis_reachable():
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_healthz_checks_a_real_redis_cache(client):
    redis_cache = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/3",
            "KEY_PREFIX": "portal-test",
        }
    }
    with override_settings(CACHES=redis_cache):
        from django.core.cache import caches

        assert type(caches["default"]).__name__ == "RedisCache"
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["cache"] == "ok"


def test_healthz_reports_an_unreachable_redis(client):
    dead_cache = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5},
        }
    }
    with override_settings(CACHES=dead_cache):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "error"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (its JIT compiler setting)"
)
def test_postgresql_connections_run_without_the_jit_compiler(db):
    # The settings pass `-c jit=off` when connecting: a catalog's facet count would otherwise
    # spend 100-200 ms compiling.
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
