"""Sign-in lockout (django-axes): who is counted, for how long, and what the locked-out person sees.

django-axes hooks `authenticate()`, so the same rules cover the staff's /admin/login/ and the
citizens' and producers' /accounts/login/. Failures are kept in the database (shared by every
worker) per account name and per client address; see the AXES_* settings.
"""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render

from portal.ratelimit import client_ip

# Axes keeps the name tried in a column of this length; a longer name (no account has one) would
# fail the insert on PostgreSQL and turn a wrong sign-in into a 500.
NAME_LENGTH = AccessAttempt._meta.get_field("username").max_length
FIRST_LOCKOUT = timedelta(minutes=5)
LONGEST_LOCKOUT = timedelta(hours=24)


def login_name(request, credentials):
    """The account name tried: a username at the admin, an e-mail at /accounts/login/."""
    credentials = credentials or {}
    name = credentials.get("username") or credentials.get("email")
    if name is None and request is not None:
        name = request.POST.get("login") or request.POST.get("username")
    return name.strip().lower()[:NAME_LENGTH] if name else None


def lockout_period(request):
    """Five minutes at the limit, doubled by every further failure, at most a day.

    Axes keeps counting failures made while locked out, so a client that keeps guessing waits
    longer and longer.
    """
    failures = _failures(request) if request is not None else 0
    excess = max(0, failures - settings.AXES_FAILURE_LIMIT)
    return min(FIRST_LOCKOUT * 2 ** min(excess, 16), LONGEST_LOCKOUT)


def _failures(request):
    address = getattr(request, "axes_ip_address", None) or client_ip(request)
    name = login_name(request, None)
    counts = [AccessAttempt.objects.filter(ip_address=address)]
    if name:
        counts.append(AccessAttempt.objects.filter(username=name))
    return max(
        (attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0) for attempts in counts
    )


def lockout_response(request, original_response=None, credentials=None):
    """A page in the portal's layout, in Russian, with 429 Too Many Requests."""
    minutes = int(lockout_period(request).total_seconds() // 60)
    return render(request, "account/lockout.html", {"minutes": minutes}, status=429)
