"""A health endpoint for load balancers and monitoring: ``/sante/``.

It answers in JSON whether the database and the cache respond, how many
tasks wait in the queue and when the worker last did something. 200 when the
database and the cache answer ("ok", or "degraded" when only the queue or
the worker look late), 503 when the database or the cache is down. Never
cached, no cookie, nothing personal.
"""

import logging
import time
from datetime import UTC

from django.conf import settings
from django.core.cache import cache, caches
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

# Written by the workers and by the periodic jobs' runner (quartiers/ops) in
# the cache every process shares.
HEARTBEAT_KEY = "quartiers:worker-heartbeat"
PERIODIC_KEY = "quartiers:periodic-heartbeat"
DB_BACKEND = "django_tasks_db.DatabaseBackend"
RQ_BACKEND = "django_tasks_rq.RQBackend"
# Beyond this, a waiting task or a silent worker makes the site "degraded".
LATE_SECONDS = 15 * 60


def _check_database() -> dict:
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("health: the database does not answer", exc_info=True)
        return {"ok": False}
    return {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}


def _check_cache() -> dict:
    started = time.monotonic()
    try:
        cache.set("quartiers:health-probe", "1", 10)
        ok = cache.get("quartiers:health-probe") == "1"
    except Exception:  # a cache server down raises its own client's errors
        logger.warning("health: the cache does not answer", exc_info=True)
        ok = False
    result = {"ok": ok}
    if ok:
        result["ms"] = round((time.monotonic() - started) * 1000, 1)
    return result


def _queue_backend() -> str:
    return getattr(settings, "TASKS", {}).get("default", {}).get("BACKEND", "")


def _uses_database_queue() -> bool:
    return _queue_backend() == DB_BACKEND


def _check_rq_queue() -> dict:
    """Jobs waiting in the RQ queues (Redis), and how long the oldest waits."""
    import django_rq

    depth, oldest_at = 0, None
    try:
        for name in settings.TASKS["default"].get("QUEUES") or ["default"]:
            queue = django_rq.get_queue(name)
            depth += queue.count
            first = queue.job_ids[:1]
            job = queue.fetch_job(first[0]) if first else None
            if job is not None and job.enqueued_at is not None:
                enqueued = job.enqueued_at
                if timezone.is_naive(enqueued):
                    enqueued = timezone.make_aware(enqueued, UTC)
                oldest_at = min(filter(None, [oldest_at, enqueued]))
    except Exception:  # noqa: BLE001 - Redis down raises its client's errors
        logger.warning("health: the RQ queue does not answer", exc_info=True)
        return {"depth": "unknown", "oldest_waiting_seconds": None}
    return {
        "depth": depth,
        "oldest_waiting_seconds": _seconds_since(oldest_at) if oldest_at else None,
    }


def _seconds_since(moment) -> float | None:
    if moment is None:
        return None
    return round((timezone.now() - moment).total_seconds(), 1)


def _check_queue(database_ok: bool) -> dict:
    if _queue_backend() == RQ_BACKEND:
        return _check_rq_queue()
    if not (database_ok and _uses_database_queue()):
        return {"depth": "unknown", "oldest_waiting_seconds": None}
    from django_tasks_db.models import DBTaskResult

    try:
        waiting = DBTaskResult.objects.ready()
        depth = waiting.count()
        oldest = waiting.order_by("run_after").values_list("run_after", flat=True)
        oldest_at = oldest.first()
    except DatabaseError:
        return {"depth": "unknown", "oldest_waiting_seconds": None}
    return {
        "depth": depth,
        "oldest_waiting_seconds": max(_seconds_since(oldest_at) or 0.0, 0.0)
        if oldest_at
        else None,
    }


def _as_datetime(value):
    if value is None:
        return None
    if isinstance(value, str):
        from django.utils.dateparse import parse_datetime

        value = parse_datetime(value)
    return value if value and timezone.is_aware(value) else None


def _check_periodic() -> dict:
    try:
        last = _as_datetime(caches["shared"].get(PERIODIC_KEY))
    except Exception:  # noqa: BLE001 - the cache is reported by _check_cache
        last = None
    return {
        "last_run": last.isoformat() if last else None,
        "age_seconds": _seconds_since(last),
    }


def _check_worker(database_ok: bool) -> dict:
    moments = []
    try:
        moments.append(_as_datetime(caches["shared"].get(HEARTBEAT_KEY)))
    except Exception:  # the cache is reported by _check_cache
        logger.debug("health: no heartbeat from the cache", exc_info=True)
    if database_ok and _uses_database_queue():
        from django.db.models import Max
        from django_tasks_db.models import DBTaskResult

        try:
            latest = DBTaskResult.objects.aggregate(
                finished=Max("finished_at"), started=Max("started_at")
            )
            moments += [latest["finished"], latest["started"]]
        except DatabaseError:
            pass
    moments = [moment for moment in moments if moment is not None]
    last = max(moments) if moments else None
    return {
        "last_heartbeat": last.isoformat() if last else None,
        "age_seconds": _seconds_since(last),
    }


def health_report() -> tuple[dict, int]:
    database = _check_database()
    cache_state = _check_cache()
    queue = _check_queue(database["ok"])
    worker = _check_worker(database["ok"])
    if not database["ok"] or not cache_state["ok"]:
        status, code = "down", 503
    else:
        status, code = "ok", 200
        oldest = queue.get("oldest_waiting_seconds")
        if oldest is not None and oldest > LATE_SECONDS:
            status = "degraded"
    report = {
        "status": status,
        "database": database,
        "cache": cache_state,
        "queue": queue,
        "worker": worker,
        "periodic": _check_periodic(),
    }
    return report, code


@never_cache
def health(request):
    report, code = health_report()
    response = JsonResponse(report, status=code)
    response["Cache-Control"] = "no-store"
    return response
