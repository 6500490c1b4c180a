"""The portal as production runs it: production settings, gunicorn, collected static files.

One gunicorn process on a loopback port serves a migrated SQLite database with the demo
content; every public page must carry the security headers and /healthz must answer.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.portal.csp import parse_csp

ROOT = Path(__file__).resolve().parents[2]
# One worker builds the production site (migrate, demo, collectstatic: about a minute) and runs
# every test of this module; spread over workers, each would build it again.
pytestmark = pytest.mark.xdist_group("production")

PAGES = ["/", "/news/", "/news/feed/", "/search/?q=%D0%BF%D1%80%D0%BE%D0%B5%D0%BA%D1%82", "/about/"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, headers=None):
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers={"Host": "localhost", **(headers or {})})
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def answers(url):
    try:
        return fetch(url)[0] == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def production_env(tmp_path_factory):
    """Production settings on a migrated SQLite database with the demo and collected static."""
    workdir = tmp_path_factory.mktemp("production")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "production-test-" + "k" * 40,
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "PUBLIC_BASE_URL": "https://localhost",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "REDIS_URL": "",
        "LOG_LEVEL": "WARNING",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
        subprocess.run([*manage, *command], env=env, cwd=ROOT, check=True, capture_output=True)
    return env


@contextmanager
def gunicorn(env, workers=1):
    """The address of a gunicorn serving the portal with `env`, once it answers /healthz."""
    port = free_port()
    command = [str(Path(sys.executable).with_name("gunicorn")), "portal.wsgi:application"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    server = subprocess.Popen(  # noqa: S603
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while not answers(f"{base}/healthz"):
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail("gunicorn did not answer /healthz within 30 s")
            time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def production_server(production_env):
    with gunicorn(production_env) as base:
        yield base


HTTPS = {"X-Forwarded-Proto": "https"}


@pytest.mark.parametrize("path", PAGES)
def test_every_page_carries_the_security_headers(production_server, path):
    status, headers = fetch(production_server + path, HTTPS)
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    csp = parse_csp(headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"] and csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_plain_http_is_redirected_to_https(production_server):
    status, headers = fetch(production_server + "/news/")
    assert status == 301
    assert headers["Location"] == "https://localhost/news/"


def test_healthz_answers_over_plain_http_for_probes(production_server):
    assert fetch(production_server + "/healthz")[0] == 200


def test_cookies_are_secure(production_server):
    status, headers = fetch(production_server + "/admin/login/", HTTPS)
    assert status == 200
    cookie = headers["Set-Cookie"]
    assert "csrftoken=" in cookie and "Secure" in cookie


def test_static_files_are_served_with_hashed_names(production_server):
    status, headers = fetch(production_server + "/", HTTPS)
    html = (
        urllib.request.urlopen(
            urllib.request.Request(production_server + "/", headers={"Host": "localhost", **HTTPS})
        )
        .read()
        .decode()
    )
    css = html.split('rel="stylesheet" href="')[1].split('"')[0]
    assert css.startswith("/static/css/portal.") and css != "/static/css/portal.css"
    status, headers = fetch(production_server + css, HTTPS)
    assert status == 200 and "max-age=315360000" in headers["Cache-Control"]


def healthz_answered(base):
    """The /healthz answers counted so far, as a scrape of any one worker reports them."""
    with urllib.request.urlopen(f"{base}/metrics", timeout=10) as response:
        text = response.read().decode()
    line = r'^portal_requests_total\{method="GET",status="2xx",view="healthz"\} ([0-9.]+)$'
    return float(re.search(line, text, re.MULTILINE)[1])


def test_metrics_add_up_the_requests_of_every_worker(production_env, tmp_path):
    # Two workers, each counting in its own files (PROMETHEUS_MULTIPROC_DIR); a scrape reaching
    # either one reports the requests of both. (/healthz: never answered by the page cache.)
    counts = tmp_path / "metrics"
    counts.mkdir()

    def workers_counting():
        return {path.name.split("_")[-1] for path in counts.glob("counter_*.db")}

    with gunicorn({**production_env, "PROMETHEUS_MULTIPROC_DIR": str(counts)}, workers=2) as base:
        before = healthz_answered(base)
        sent, deadline = 0, time.monotonic() + 30
        # Batches of concurrent requests until both workers have answered some (the second may
        # still be starting on a busy machine).
        while len(workers_counting()) < 2 or sent < 40:
            assert time.monotonic() < deadline, "the second worker never answered"
            with ThreadPoolExecutor(8) as pool:
                statuses = list(pool.map(lambda _: fetch(f"{base}/healthz")[0], range(8)))
            assert statuses == [200] * 8
            sent += 8
        assert healthz_answered(base) == before + sent
