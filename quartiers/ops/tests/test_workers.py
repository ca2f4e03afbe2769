"""A task whose worker died is taken up again, a bounded number of times;
the tasks of living or unknown workers are left alone."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus

from quartiers.ops import workers
from quartiers.ops.models import WorkerBeat

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _running(*worker_ids):
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": ["x"], "kwargs": {}},
        task_path="quartiers.ops.tasks.probe",
        backend_name="default",
        run_after=timezone.now(),
        started_at=timezone.now(),
        worker_ids=list(worker_ids),
    )


def _worker(worker_id, *, seconds_ago):
    moment = timezone.now() - timedelta(seconds=seconds_ago)
    return WorkerBeat.objects.create(
        worker_id=worker_id, started_at=moment, beat_at=moment
    )


@pytest.mark.django_db
@override_settings(TASKS=DB_TASKS)
def test_the_task_of_a_dead_worker_goes_back_to_the_queue():
    _worker("dead", seconds_ago=120)
    _worker("alive", seconds_ago=1)
    lost = _running("dead")
    busy = _running("alive")
    unknown = _running("plain-db-worker")

    assert workers.requeue_lost_tasks() == 1

    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.READY
    assert lost.started_at is None
    busy.refresh_from_db()
    unknown.refresh_from_db()
    assert busy.status == unknown.status == TaskResultStatus.RUNNING


@pytest.mark.django_db
@override_settings(TASKS=DB_TASKS)
def test_a_worker_that_stopped_cleanly_is_not_alive():
    beat = _worker("gone", seconds_ago=1)
    beat.stopped_at = timezone.now()
    beat.save()
    lost = _running("gone")
    assert workers.requeue_lost_tasks() == 1
    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.READY


@pytest.mark.django_db
@override_settings(TASKS=DB_TASKS, QUARTIERS_WORKER_MAX_LOST=3)
def test_a_task_that_kills_its_workers_fails_after_three_tries():
    for name in ("a", "b", "c"):
        _worker(name, seconds_ago=300)
    poison = _running("a", "b", "c")
    assert workers.requeue_lost_tasks() == 0
    poison.refresh_from_db()
    assert poison.status == TaskResultStatus.FAILED
    assert "died 3 times" in poison.traceback


@pytest.mark.django_db
def test_heartbeat_rows_and_the_shared_cache():
    from django.core.cache import caches

    from quartiers.core.health import HEARTBEAT_KEY

    caches["shared"].delete(HEARTBEAT_KEY)
    beat = workers.Heartbeat("w-test")
    beat.start()
    row = WorkerBeat.objects.get(worker_id="w-test")
    assert row.stopped_at is None and row.pid > 0
    assert caches["shared"].get(HEARTBEAT_KEY)
    beat._stop.set()  # the thread's own connection is not this test's
    beat.stop()
    assert WorkerBeat.objects.get(worker_id="w-test").stopped_at is not None
    assert workers.dead_workers({"w-test"}) == {"w-test"}
