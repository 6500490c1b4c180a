"""Visiting a page as an anonymous visitor, before and after a change."""

from portal.page_cache.middleware import STATUS_HEADER


def kept(client, url):
    """Visit `url` twice; the second answer must come from the cache. Its body, as text."""
    client.get(url)
    response = client.get(url)
    assert (response.status_code, response[STATUS_HEADER]) == (200, "hit"), url
    return response.content.decode()


def fresh(client, url, status_code=200):
    """The next visit after a change: rendered afresh, not served from the cache."""
    response = client.get(url)
    assert response.status_code == status_code, url
    assert response.get(STATUS_HEADER) != "hit", url
    return response.content.decode()
