"""Periodic jobs, without cron: ``manage.py run_periodic`` runs each job of
``QUARTIERS_PERIODIC_JOBS`` (and those apps register) every so many seconds.

The last start of each job is kept in the database and taken with one
conditional UPDATE, so a job runs once per period however many schedulers
run (one per machine is fine) and however often they restart. A job is a
dotted path to a django-tasks task (called in the scheduler's process, so
it works with every queue backend) or to a plain function.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connection
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import PeriodicRun

logger = logging.getLogger(__name__)


def _fresh_connections() -> None:
    """Drop a broken or old connection between jobs (not inside a
    transaction, where closing would end it: a caller's, or a test's)."""
    if not connection.in_atomic_block:
        close_old_connections()


_registered: dict[str, float] = {}


def register(path: str, every_seconds: float) -> None:
    """Let an app add its own job from ``AppConfig.ready()`` (the hook for
    future ones, such as the letters): the settings still win."""
    _registered[path] = float(every_seconds)


def periodic_jobs() -> list[tuple[str, float]]:
    """(dotted path of a task or function, every so many seconds); 0 turns
    a job off."""
    jobs = {**_registered, **getattr(settings, "QUARTIERS_PERIODIC_JOBS", {})}
    return [(path, float(every)) for path, every in jobs.items() if float(every) > 0]


def claim(path: str, every: float, now: datetime | None = None) -> bool:
    """Take this period's run of the job; False if it already ran."""
    now = now or timezone.now()
    try:
        PeriodicRun.objects.get_or_create(name=path)
    except IntegrityError:  # another scheduler created it at the same moment
        pass
    due = Q(started_at__isnull=True) | Q(started_at__lte=now - timedelta(seconds=every))
    taken = PeriodicRun.objects.filter(due, name=path).update(
        started_at=now, runs=F("runs") + 1
    )
    return taken == 1


def next_due(path: str, every: float) -> datetime:
    started = (
        PeriodicRun.objects.filter(name=path)
        .values_list("started_at", flat=True)
        .first()
    )
    return (started or timezone.now()) + timedelta(seconds=every)


def run_job(path: str) -> bool:
    """Run one job now in this process; a failure is logged, never raised."""
    succeeded = False
    try:
        job = import_string(path)
        (job.call if hasattr(job, "call") else job)()
        succeeded = True
    except Exception:  # noqa: BLE001 - one failing job must not stop the others
        logger.exception("periodic job %s failed", path)
    finally:
        _fresh_connections()
    try:
        PeriodicRun.objects.filter(name=path).update(
            finished_at=timezone.now(), succeeded=succeeded
        )
    except Exception:  # noqa: BLE001 - the database may be what failed
        logger.warning("periodic job %s: end not recorded", path, exc_info=True)
    return succeeded


def run_due_jobs(jobs: list[tuple[str, float]], local_next: dict[str, datetime]) -> int:
    """Run the jobs whose period came; returns how many ran."""
    ran = 0
    for path, every in jobs:
        now = timezone.now()
        if now < local_next.get(path, now):
            continue
        try:
            taken = claim(path, every, now)
            if taken:
                run_job(path)
                ran += 1
            local_next[path] = next_due(path, every)
        except Exception:  # noqa: BLE001 - a locked or lost database: next turn
            logger.warning("periodic job %s not started", path, exc_info=True)
            local_next[path] = now + timedelta(seconds=min(every, 30))
            _fresh_connections()
    return ran
