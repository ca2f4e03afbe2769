"""Workers that say they are alive, and the tasks of those that died.

Each worker started by ``manage.py run_worker`` writes a heartbeat every few
seconds (a database row, read by any machine, and the shared cache key the
health endpoint reads). A task still "running" on a worker whose heartbeat
stopped for ``QUARTIERS_WORKER_LOST_SECONDS`` is put back in the queue, at
most ``QUARTIERS_WORKER_MAX_LOST`` times: when a worker starts and every
half minute from the periodic jobs. With RQ, jobs whose worker died are
found through RQ's own registries and queued again with the same bound.
"""

import logging
import os
import socket
import threading
from datetime import timedelta

import rq
from django.conf import settings
from django.core.cache import caches
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from quartiers.core.proc import die_with_parent

from .models import WorkerBeat

logger = logging.getLogger(__name__)

HEARTBEAT_KEY = "quartiers:worker-heartbeat"
RQ_LOST_COUNT = "quartiers_lost"


def beat_seconds() -> float:
    return float(getattr(settings, "QUARTIERS_WORKER_BEAT_SECONDS", 5))


def lost_after() -> timedelta:
    return timedelta(
        seconds=float(getattr(settings, "QUARTIERS_WORKER_LOST_SECONDS", 30))
    )


def max_lost() -> int:
    return int(getattr(settings, "QUARTIERS_WORKER_MAX_LOST", 3))


def backend_kind() -> str:
    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    if backend.startswith("django_tasks_rq"):
        return "rq"
    if backend.startswith("django_tasks_db"):
        return "database"
    return "other"


def beat(worker_id: str, *, started: bool = False, stopped: bool = False) -> None:
    now = timezone.now()
    values = {
        "beat_at": now,
        "hostname": socket.gethostname()[:255],
        "pid": os.getpid(),
    }
    if started:
        values.update(started_at=now, stopped_at=None)
    if stopped:
        values["stopped_at"] = now
    updated = WorkerBeat.objects.filter(worker_id=worker_id).update(**values)
    if not updated:
        WorkerBeat.objects.create(
            worker_id=worker_id, **{"started_at": now, **values, "stopped_at": None}
        )
    try:
        caches["shared"].set(HEARTBEAT_KEY, now.isoformat(), None)
    except Exception:  # noqa: BLE001 - the database row is what counts
        logger.debug("heartbeat not written to the cache", exc_info=True)


class Heartbeat:
    """A daemon thread that beats while the worker runs a task or waits."""

    def __init__(self, worker_id: str):
        self.worker_id = worker_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="beat")

    def start(self) -> None:
        beat(self.worker_id, started=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=beat_seconds() + 5)
        try:
            beat(self.worker_id, stopped=True)
        except Exception:  # noqa: BLE001 - stopping anyway
            logger.warning("worker %s: stop not recorded", self.worker_id)

    def _run(self) -> None:
        while not self._stop.wait(beat_seconds()):
            try:
                beat(self.worker_id)
            except Exception:  # noqa: BLE001 - a locked database: next beat
                logger.warning("worker %s: heartbeat missed", self.worker_id)
            finally:
                close_old_connections()
        connection.close()


def worker_states(worker_ids: set[str]) -> dict[str, str]:
    """ "alive" or "lost" (stopped beating, or stopped) for those of these
    workers that have a heartbeat row; the others are left out (unknown).
    Registered for the foundation apps in quartiers.core.workers."""
    if not worker_ids:
        return {}
    limit = timezone.now() - lost_after()
    rows = WorkerBeat.objects.filter(worker_id__in=worker_ids).values_list(
        "worker_id", "beat_at", "stopped_at"
    )
    return {
        wid: "lost" if stopped_at or beat_at < limit else "alive"
        for wid, beat_at, stopped_at in rows
    }


def dead_workers(worker_ids: set[str]) -> set[str]:
    """Among these workers, those known to have stopped beating."""
    return {wid for wid, state in worker_states(worker_ids).items() if state == "lost"}


class RQWorker(rq.Worker):
    """RQ's worker, whose forked children die with it: the work horse that
    runs a job (and so its ffmpeg, quartiers/core/proc.py) and the
    scheduler. Killed outright, it leaves nothing converting on its own
    while the job is given to another worker."""

    def work(self, *args, **kwargs):
        _forks_die_with_this_process()
        return super().work(*args, **kwargs)


_FORKS_DIE = False


def _forks_die_with_this_process() -> None:
    global _FORKS_DIE
    if not _FORKS_DIE:
        os.register_at_fork(after_in_child=die_with_parent)
        _FORKS_DIE = True


def requeue_lost_tasks(*, rq_now: float | None = None) -> int:
    """Put back in the queue the tasks whose worker died; returns how many.
    ``rq_now``: the moment (a timestamp) RQ's leases are read against."""
    kind = backend_kind()
    if kind == "database":
        return _requeue_lost_db_tasks()
    if kind == "rq":
        return _requeue_lost_rq_jobs(rq_now)
    return 0


def _requeue_lost_db_tasks() -> int:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    running = list(DBTaskResult.objects.running().values_list("id", "worker_ids"))
    last_worker = {pk: ids[-1] for pk, ids in running if ids}
    dead = dead_workers(set(last_worker.values()))
    count = 0
    for pk, worker_id in last_worker.items():
        if worker_id not in dead:
            continue
        with transaction.atomic():
            result = DBTaskResult.objects.select_for_update().filter(pk=pk).first()
            if result is None or result.status != TaskResultStatus.RUNNING:
                continue
            if not result.worker_ids or result.worker_ids[-1] != worker_id:
                continue
            if len(result.worker_ids) >= max_lost():
                result.status = TaskResultStatus.FAILED
                result.finished_at = timezone.now()
                result.exception_class_path = "quartiers.ops.workers.WorkerLost"
                result.traceback = (
                    f"Its worker died {len(result.worker_ids)} times while running it."
                )
                result.save(
                    update_fields=[
                        "status", "finished_at", "exception_class_path", "traceback"
                    ]
                )  # fmt: skip
                logger.error("task %s failed: its worker died too often", pk)
                continue
            result.status = TaskResultStatus.READY
            result.started_at = None
            result.save(update_fields=["status", "started_at"])
            count += 1
            logger.warning("task %s taken up again: worker %s died", pk, worker_id)
    return count


def _requeue_lost_rq_jobs(now: float | None) -> int:
    import django_rq
    from django_tasks_rq.backend import Job
    from rq.registry import FailedJobRegistry, StartedJobRegistry

    count = 0
    for name in settings.TASKS["default"].get("QUEUES") or ["default"]:
        queue = django_rq.get_queue(name, job_class=Job)
        # Moves the jobs of workers that stopped beating to the failed ones.
        StartedJobRegistry(queue=queue).cleanup(timestamp=now)
        failed = FailedJobRegistry(queue=queue)
        for job in queue.job_class.fetch_many(
            failed.get_job_ids(), connection=queue.connection
        ):
            if job is None:
                continue
            result = job.latest_result()
            if "AbandonedJobError" not in ((result and result.exc_string) or ""):
                continue
            lost = int(job.meta.get(RQ_LOST_COUNT, 0)) + 1
            if lost >= max_lost():
                continue
            job.meta[RQ_LOST_COUNT] = lost
            job.save_meta()
            failed.requeue(job.id)
            count += 1
            logger.warning("job %s taken up again: its worker died", job.id)
    return count


def forget_old_workers() -> int:
    """Heartbeats of workers gone for more than a week."""
    limit = timezone.now() - timedelta(days=7)
    deleted, _ = WorkerBeat.objects.filter(beat_at__lt=limit).delete()
    return deleted
