"""/healthz: can the portal save what visitors send now, and is its background work keeping up?

Read by load balancers and monitoring. 503 when the database does not answer or refuses writes
(a read-only replica after a failover, a read-only transaction default, a full disk): a "SELECT 1"
proves nothing about saving an application or a vote, so a real INSERT is tried and rolled back.
503 too when the cache does not answer.

The backlog (outbox and task queue) is reported; it makes the answer 503 only when its oldest due
item has waited longer than PORTAL_HEALTH_MAX_BACKLOG_AGE seconds (HEALTH_MAX_BACKLOG_AGE, one
hour by default, 0 turns that off): a worker that is down does not stop the site from serving, but
an hour of undelivered mail is an incident. "Due" means a message whose next attempt is due (not
one waiting for a planned retry) and a task past its run_after.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Min, Q
from django.db.models.functions import Coalesce
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_tasks_db.models import DBTaskResult, get_date_max

from portal.models import OutboundEmail
from portal.search.es.health import DISABLED, cluster_health

logger = logging.getLogger(__name__)


@never_cache
def healthz(request):
    checks = {"database": _check_database(), "cache": _check_cache()}
    backlog = backlog_figures() if checks["database"] != "error" else None
    checks["backlog"] = _judge_backlog(backlog)
    healthy = checks["database"] == checks["cache"] == "ok" and checks["backlog"] != "late"
    # A down search cluster degrades search (it falls back to the database) but does not take
    # the portal out of the load balancer: reported, never a 503.
    search = cluster_health()
    if search != DISABLED:
        checks["search"] = search
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks, "backlog": backlog},
        status=200 if healthy else 503,
    )


def _check_database():
    """ok, read-only (answers but refuses writes) or error (does not answer)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Health check: database unavailable")
        return "error"
    try:
        with transaction.atomic():
            OutboundEmail.objects.create(to="healthz@invalid", subject="healthz", template="")
            transaction.set_rollback(True)  # a probe, never a message
    except Exception:
        logger.exception("Health check: database refuses writes")
        return "read-only"
    return "ok"


def _check_cache():
    try:
        cache.set("healthz", "ok", timeout=10)
        if cache.get("healthz") != "ok":
            raise RuntimeError("cache did not return the value just written")
    except Exception:
        logger.exception("Health check: cache unavailable")
        return "error"
    return "ok"


def backlog_figures():
    """Counts and ages (seconds) of the outbox and the task queue; None when unreadable."""
    now = timezone.now()
    try:
        mail = OutboundEmail.objects.aggregate(
            pending=Count("pk", filter=Q(status=OutboundEmail.Status.PENDING)),
            unconfirmed=Count("pk", filter=Q(status=OutboundEmail.Status.UNCONFIRMED)),
            failed=Count("pk", filter=Q(status=OutboundEmail.Status.FAILED)),
            oldest_due=Min(
                Coalesce("retry_at", "created_at"),
                filter=Q(status=OutboundEmail.Status.PENDING),
            ),
        )
        ready = DBTaskResult.objects.ready()
        # A task enqueued without run_after carries the far-future sentinel: due when enqueued.
        tasks = ready.aggregate(
            count=Count("pk"),
            oldest_enqueued=Min("enqueued_at", filter=Q(run_after=get_date_max())),
            oldest_run_after=Min("run_after", filter=~Q(run_after=get_date_max())),
        )
    except Exception:
        logger.exception("Health check: backlog unreadable")
        return None
    oldest_task = min(
        (moment for moment in (tasks["oldest_enqueued"], tasks["oldest_run_after"]) if moment),
        default=None,
    )
    return {
        "mail_pending": mail["pending"],
        "mail_oldest_pending_seconds": _age(mail["oldest_due"], now),
        "mail_unconfirmed": mail["unconfirmed"],
        "mail_failed": mail["failed"],
        "tasks_ready": tasks["count"],
        "tasks_oldest_ready_seconds": _age(oldest_task, now),
    }


def _age(moment, now):
    return max(0, int((now - moment).total_seconds())) if moment else 0


def _judge_backlog(backlog):
    if backlog is None:
        return "unknown"
    limit = settings.PORTAL_HEALTH_MAX_BACKLOG_AGE
    oldest = max(backlog["mail_oldest_pending_seconds"], backlog["tasks_oldest_ready_seconds"])
    return "late" if limit and oldest > limit else "ok"
