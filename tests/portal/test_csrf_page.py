"""A form sent without a valid CSRF token gets a Russian page in the portal's layout, not
Django's English one with inline styles that the portal's own CSP blocks."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_post_without_a_token_gets_the_russian_page_in_the_portal_layout(home):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "someone@example.org", "password": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Страница устарела" in page and "обновите её и отправьте форму ещё раз" in page
    assert '<html lang="ru"' in page and 'class="site-header"' in page
    assert "style=" not in page
    assert "CSRF verification failed" not in page
