"""The background worker, whatever the queue: ``manage.py run_worker``.

With the database queue it runs django-tasks' database worker; with
``TASKS_BACKEND=rq`` an RQ worker (with its scheduler, for delayed tasks).
Either way it beats every few seconds, and first puts back in the queue the
tasks of workers that died (quartiers/ops/workers.py). ``make run``, the
systemd unit and ``run_services`` start this command.
"""

from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string

from quartiers.ops import workers


class Command(BaseCommand):
    help = "Lance un worker de la file de tâches (base de données ou RQ)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--burst", action="store_true", help="vider la file puis s'arrêter"
        )
        parser.add_argument(
            "--queues", default="", help="files à servir, séparées par des virgules"
        )

    def handle(self, *args, burst=False, queues="", **options):
        worker_id = f"w-{get_random_string(24)}"
        heartbeat = workers.Heartbeat(worker_id)
        heartbeat.start()
        try:
            workers.requeue_lost_tasks()
            kind = workers.backend_kind()
            names = [name for name in queues.split(",") if name]
            if kind == "rq":
                self._run_rq(worker_id, names, burst)
            elif kind == "database":
                self._run_database(worker_id, names, burst)
            else:
                self.stderr.write(
                    "Ces réglages exécutent les tâches sans file : rien à faire."
                )
        finally:
            heartbeat.stop()

    def _run_database(self, worker_id, names, burst):
        from django_tasks_db.management.commands.db_worker import Worker

        worker = Worker(
            queue_names=names or ["*"],
            interval=1,
            batch=burst,
            backend_name="default",
            startup_delay=not burst,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        worker.run()

    def _run_rq(self, worker_id, names, burst):
        import django_rq
        from django.conf import settings
        from django_tasks_rq.backend import Job

        names = names or list(settings.TASKS["default"].get("QUEUES") or ["default"])
        worker = django_rq.get_worker(
            *names, job_class=Job, name=worker_id, worker_class=workers.RQWorker
        )
        worker.work(burst=burst, with_scheduler=True)
