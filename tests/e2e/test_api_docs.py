"""The API's docs in a real browser: Swagger UI from the portal's own files, under the site's CSP,
lists the operations and runs one against the live API."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"


@pytest.mark.parametrize("width", [390, 1366])
def test_a_developer_reads_the_docs_and_tries_the_pets_list(open_tab, width):
    tab = open_tab(viewport={"width": width, "height": 900})
    page = tab.page
    tab.goto("/api/docs/")
    expect(page.get_by_text("API портала города Сочи")).to_be_visible()
    operation = page.locator("#operations-pets-pets_list")
    expect(operation).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"api-docs-{width}.png"), full_page=False)
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    with page.expect_response(re.compile(r"/api/v1/pets/")) as answer:
        operation.get_by_role("button", name="Execute").click()
    assert answer.value.status == 200
    status = operation.locator(".live-responses-table tbody .response-col_status")
    expect(status).to_contain_text("200")
    tab.assert_clean_console()
