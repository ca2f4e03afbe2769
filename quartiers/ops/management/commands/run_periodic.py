"""Run the periodic jobs (``QUARTIERS_PERIODIC_JOBS``) without cron.

The queue's workers have no clock. This loop, started by ``make run`` next to
the worker (and by a systemd unit in production, see deploy/), runs each job
when its period has come (see quartiers/ops/periodic.py): the radio's live
status every 15 s, the tasks of dead workers every 30 s, stuck media every
minute, classified ads every hour, audience upkeep daily, practical-info
reminders monthly. Several machines may run it: each period runs once.

    manage.py run_periodic              # forever (make run, systemd)
    manage.py run_periodic --seconds 58 # a bounded run (a cron line a minute)
    manage.py run_periodic --once       # the jobs that are due, then stop
"""

import time

from django.core.cache import caches
from django.core.management.base import BaseCommand
from django.utils import timezone

from quartiers.core.health import PERIODIC_KEY
from quartiers.ops import periodic

TICK_SECONDS = 1.0


class Command(BaseCommand):
    help = (
        "Lance les tâches périodiques (direct de la radio, annonces, rappels, "
        "médias bloqués, audience…) sans cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true")
        parser.add_argument("--seconds", type=float, default=0)

    def handle(self, *args, once=False, seconds=0, **options):
        jobs = periodic.periodic_jobs()
        started = time.monotonic()
        local_next: dict = {}
        while jobs:
            periodic.run_due_jobs(jobs, local_next)
            caches["shared"].set(PERIODIC_KEY, timezone.now().isoformat(), None)
            if once or (seconds and time.monotonic() - started >= seconds):
                return
            time.sleep(TICK_SECONDS)
