"""Run the periodic jobs (``QUARTIERS_PERIODIC_JOBS``) without cron.

django-tasks' ``db_worker`` runs what is enqueued but has no clock. This
small loop, started by ``make run`` next to the worker (and by a systemd
unit or a cron line in production, see deploy/), calls each job's task in
its own process every so many seconds. A job that fails is logged and tried
again at its next turn; one slow job delays the others, never a page.

    manage.py run_periodic              # forever (make run, systemd)
    manage.py run_periodic --seconds 58 # a bounded run (a cron line a minute)
    manage.py run_periodic --once       # each job once, then stop
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def periodic_jobs() -> list[tuple[str, float]]:
    """(dotted path of a task or function, every so many seconds)."""
    return [
        (path, float(every))
        for path, every in getattr(settings, "QUARTIERS_PERIODIC_JOBS", {}).items()
        if float(every) > 0
    ]


def run_job(path: str) -> None:
    job = import_string(path)
    try:
        (job.call if hasattr(job, "call") else job)()
    except Exception:
        logger.exception("periodic job %s failed", path)
    finally:
        close_old_connections()


class Command(BaseCommand):
    help = (
        "Lance les tâches périodiques (état du direct de la radio…) sans cron, "
        "à côté de db_worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true")
        parser.add_argument("--seconds", type=float, default=0)

    def handle(self, *args, once=False, seconds=0, **options):
        jobs = periodic_jobs()
        started = time.monotonic()
        next_run = {path: started for path, _every in jobs}
        while jobs:
            now = time.monotonic()
            for path, every in jobs:
                if now >= next_run[path]:
                    run_job(path)
                    next_run[path] = max(now + every, time.monotonic())
            cache.set("quartiers:worker-heartbeat", timezone.now().isoformat(), None)
            if once or (seconds and time.monotonic() - started >= seconds):
                return
            wait = min(next_run.values()) - time.monotonic()
            if seconds:
                wait = min(wait, started + seconds - time.monotonic())
            time.sleep(max(wait, 0.2))
