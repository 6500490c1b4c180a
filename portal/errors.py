"""Error pages that Django lets a project replace through settings.

The CSRF failure page: Django's own is English and styled inline, which the portal's
Content-Security-Policy blocks; a stale form is a common, harmless event that deserves a page in
the portal's layout telling the visitor what to do.
"""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: 403 with advice to reload the page and send the form again."""
    return render(request, "403_csrf.html", status=403)
