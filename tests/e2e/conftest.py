"""Real-browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every test gets the full demo site (`manage.py load_demo`) on the live server's database and a
fresh browser context. Pages record console errors, so a Content-Security-Policy violation, a
failed request or a JavaScript error shows up as a test failure.

Without /usr/bin/chromium the tests are skipped with a reason, unless E2E_REQUIRED=1 (set in CI),
where a missing browser is a failure, so browser tests can never be silently skipped there.
"""

import functools
import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections

from portal import demo_images
from portal.management.commands import load_demo

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


# Drawing the demo illustrations is a good part of `load_demo`; the pictures are deterministic,
# so every test after the first reuses the bytes.
_cached_illustration = functools.cache(demo_images.make_illustration)


@pytest.fixture
def demo_site(browser, django_db_serialized_rollback, live_server, monkeypatch) -> str:
    """The demo site on the live server; returns its base URL.

    The live server needs a transactional database, which is flushed after every test, taking
    Wagtail's root page (created by a migration) with it: serialized rollback restores it.
    """
    monkeypatch.setattr(load_demo, "make_illustration", _cached_illustration)
    call_command("load_demo", stdout=io.StringIO())
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
