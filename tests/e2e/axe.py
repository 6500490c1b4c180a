"""axe-core checks shared by the browser tests (axe ships inside axe-playwright-python)."""

from axe_playwright_python.sync_playwright import Axe

BLOCKING_IMPACTS = {"serious", "critical"}


def all_violations(page, label=None, impacts=None):
    """Accessibility violations on the page (of the given impacts, else all), one line each."""
    results = Axe().run(page)
    return [
        f"{label or page.url}: {violation['id']} ({violation['impact']}): {violation['help']} "
        f"-> {[node['target'] for node in violation['nodes'][:3]]}"
        for violation in results.response["violations"]
        if impacts is None or violation["impact"] in impacts
    ]


def blocking_violations(page, label=None):
    """Serious and critical accessibility violations on the current page, one line each."""
    return all_violations(page, label, BLOCKING_IMPACTS)
