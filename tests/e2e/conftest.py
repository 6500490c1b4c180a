"""Real-browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every test gets the full demo site (`manage.py load_demo`) on the live server's database and a
fresh browser context. Pages record console errors, so a Content-Security-Policy violation, a
failed request or a JavaScript error shows up as a test failure.

Without /usr/bin/chromium the tests are skipped with a reason, unless E2E_REQUIRED=1 (set in CI),
where a missing browser is a failure, so browser tests can never be silently skipped there.
"""

import io
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections

from portal import public_url
from portal.page_cache import tables as page_cache_tables

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_CHROMIUM = f"Chromium not found at {CHROMIUM}: apt-get install chromium"
TIMEOUT_MS = 15_000
E2E_DIR = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    """Skip the browser tests up front (before any database setup) when there is no browser."""
    if CHROMIUM.exists() or os.environ.get("E2E_REQUIRED") == "1":
        return
    skip = pytest.mark.skip(reason=MISSING_CHROMIUM)
    for item in items:
        if E2E_DIR in Path(item.path).parents:
            item.add_marker(skip)


@pytest.fixture(scope="package")
def browser(django_db_setup) -> Iterator:
    """One Chromium for all the browser tests; closed after the last of them.

    Package scope rather than session scope: while Playwright's sync API is running, the test
    thread has a running asyncio loop, which changes how Django behaves for every test after.
    """
    if not CHROMIUM.exists():  # only with E2E_REQUIRED=1; otherwise skipped at collection
        pytest.fail(f"{MISSING_CHROMIUM} (E2E_REQUIRED=1: may not be skipped)", pytrace=False)
    from playwright.sync_api import sync_playwright

    # With a running loop in the thread, asgiref gives Django code a context-local set of database
    # connections instead of the thread's own ones. The thread's ones are those the test databases
    # were set up on (they carry what serialized rollback restores): keep using them.
    thread_connections = {alias: connections[alias] for alias in connections}
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    # Django refuses ORM calls from a thread with a running loop (SynchronousOnlyOperation).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            for alias, connection in thread_connections.items():
                connections[alias] = connection
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def demo_copy(tmp_path_factory) -> Iterator[dict]:
    """Where the first browser test leaves what later ones reuse: the demo's pictures (for the
    whole run) and, on in-memory SQLite, a copy of the database with the demo loaded."""
    kept = {"media": tmp_path_factory.mktemp("demo-media")}
    yield kept
    if "database" in kept:
        kept["database"].close()


@pytest.fixture(autouse=True)
def media_root(settings, demo_copy) -> Path:
    """One media folder for all the browser tests: the demo's database copies point to its
    pictures (in place of the folder of each test's own that the other tests get)."""
    settings.MEDIA_ROOT = demo_copy["media"]
    return settings.MEDIA_ROOT


@pytest.fixture
def demo_site(browser, django_db_serialized_rollback, live_server, demo_copy, settings) -> str:
    """The demo site on the live server; returns its base URL.

    The live server needs a transactional database, which is flushed after every test, taking
    Wagtail's root page (created by a migration) with it: serialized rollback restores it.
    Every test starts from the freshly loaded demo: the first runs `load_demo`; on in-memory
    SQLite (CI's browser stage) the later ones get a copy of its database instead of loading
    again. The Site record then follows PUBLIC_BASE_URL, as `load_demo` makes it.

    The page cache is on, as in production, and starts empty: a database restored from a copy
    is not a write it could see.
    """
    settings.PAGE_CACHE_ENABLED = True
    caches[page_cache_tables.CACHE_ALIAS].clear()
    connection = connections[DEFAULT_DB_ALIAS]
    copyable = connection.vendor == "sqlite" and connection.is_in_memory_db()
    if "database" in demo_copy:
        connection.ensure_connection()
        demo_copy["database"].backup(connection.connection)
        public_url.sync_wagtail_site()
    else:
        call_command("load_demo", stdout=io.StringIO())
        if copyable:
            demo_copy["database"] = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(demo_copy["database"])
    return live_server.url


@dataclass
class Tab:
    """A browser page plus the console errors seen on it."""

    page: object
    base_url: str
    console_errors: list[str] = field(default_factory=list)

    def goto(self, path: str):
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.ok, f"GET {path}: {response and response.status}"
        return response

    def assert_clean_console(self) -> None:
        assert self.console_errors == [], "Browser console errors:\n" + "\n".join(
            self.console_errors
        )


@pytest.fixture
def open_tab(browser, demo_site) -> Iterator[Callable[..., Tab]]:
    """Factory: open_tab(**context_options) -> Tab in a fresh browser context (own cookies)."""
    contexts = []

    def _open(**options) -> Tab:
        options.setdefault("locale", "ru-RU")
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        tab = Tab(page=context.new_page(), base_url=demo_site)
        tab.page.on(
            "console",
            lambda message: (
                tab.console_errors.append(f"{message.text} ({message.location.get('url')})")
                if message.type == "error"
                else None
            ),
        )
        tab.page.on("pageerror", lambda error: tab.console_errors.append(f"uncaught: {error}"))
        return tab

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def tab(open_tab) -> Tab:
    """A page with JavaScript on, in a new browser context."""
    return open_tab()
