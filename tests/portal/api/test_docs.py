"""/api/docs/: Swagger UI over the schema, from the portal's own static files (no CDN)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_docs_page_loads_only_the_portals_own_files(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-dist" in address for address in addresses), addresses
    assert all(address.startswith("/") for address in addresses), addresses
    # The page's own script is a separate file (the site's CSP allows no inline script).
    assert "<script>" not in html.replace(" ", "")
    (script,) = [address for address in addresses if "script=" in address]
    loaded = client.get(script)
    assert loaded.status_code == 200
    assert b"/api/v1/schema/" in loaded.content
