"""TASKS_BACKEND=rq: tasks go through Redis and an RQ worker runs them.

Skipped only when no Redis answers on this machine; CI starts one and the
CI script fails when it cannot."""

import os
import uuid

import pytest
from django.test import override_settings
from django_tasks.base import TaskResultStatus

REDIS_URL = os.environ.get("QUARTIERS_TEST_REDIS_URL", "redis://127.0.0.1:6379/11")


def _redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping())
    except redis.RedisError:
        return False


pytestmark = pytest.mark.skipif(not _redis_answers(), reason="Redis ne répond pas")


@pytest.fixture
def rq_queue():
    """The RQ backend on a queue of its own, emptied before and after."""
    import django_rq

    name = "default"  # where tasks go; a Redis database of the tests' own
    tasks = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": [name]}}
    with override_settings(TASKS=tasks, RQ_QUEUES={name: {"URL": REDIS_URL}}):
        queue = django_rq.get_queue(name)
        queue.connection.flushdb()
        yield name, queue
        queue.empty()
        for registry in (
            queue.finished_job_registry,
            queue.failed_job_registry,
            queue.started_job_registry,
        ):
            for job_id in registry.get_job_ids():
                registry.remove(job_id, delete_job=True)


def _burst(name):
    import django_rq
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    # SimpleWorker runs the jobs in this process (no fork inside pytest).
    worker = django_rq.get_worker(name, job_class=Job, worker_class=SimpleWorker)
    return worker.work(burst=True)


@pytest.mark.django_db(transaction=True)
def test_a_task_waits_in_redis_until_an_rq_worker_runs_it(rq_queue):
    from django.core.cache import caches

    from quartiers.ops.tasks import PROBE_KEY, probe

    name, queue = rq_queue
    token = uuid.uuid4().hex
    result = probe.enqueue(token)
    assert queue.count == 1
    assert result.status == TaskResultStatus.READY
    assert caches["shared"].get(PROBE_KEY.format(token=token)) is None

    _burst(name)

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == token
    assert caches["shared"].get(PROBE_KEY.format(token=token)) == token
    assert queue.count == 0


@pytest.mark.django_db(transaction=True)
def test_the_project_emails_go_out_through_rq(rq_queue, mailoutbox):
    from quartiers.core.tasks import send_email

    name, _queue = rq_queue
    result = send_email.enqueue(to="a@example.org", subject="Bonjour", body="Texte")
    assert mailoutbox == []
    _burst(name)
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert [m.to for m in mailoutbox] == [["a@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_health_counts_the_rq_queue(rq_queue, client):
    from quartiers.ops.tasks import probe

    name, _queue = rq_queue
    probe.enqueue("a")
    probe.enqueue("b")
    body = client.get("/sante/").json()
    assert body["queue"]["depth"] == 2
    assert body["queue"]["oldest_waiting_seconds"] is not None
    _burst(name)
    assert client.get("/sante/").json()["queue"]["depth"] == 0


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_rq_worker_was_killed_is_queued_again(rq_queue):
    """A worker killed mid-job: RQ notices its lease ran out, the
    periodic job puts the job back in the queue, and another worker runs it.
    (The lease is the job timeout plus a minute, then 90 s between beats.)"""
    import signal
    import subprocess
    import sys
    import time

    from django.core.cache import caches
    from django_tasks_rq.backend import Job

    from quartiers.ops import workers
    from quartiers.ops.tasks import PROBE_KEY, probe

    name, queue = rq_queue
    result = probe.enqueue("lost", seconds=60)
    worker = subprocess.Popen(
        [sys.executable, "-m", "quartiers.ops.tests.rq_worker_process", REDIS_URL],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "quartiers.config.settings.test"},
    )
    try:
        deadline = time.monotonic() + 60
        job = Job.fetch(result.id, connection=queue.connection)
        while job.get_status() != "started" and time.monotonic() < deadline:
            time.sleep(0.2)
        assert job.get_status() == "started"
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()

    assert workers.requeue_lost_tasks(rq_now=time.time() - 60) == 0  # lease alive
    # Ten minutes later, as RQ sees it: the lease ran out.
    assert workers.requeue_lost_tasks(rq_now=time.time() + 600) == 1
    assert queue.count == 1
    job = Job.fetch(result.id, connection=queue.connection)
    job.kwargs["seconds"] = 0  # the second run need not last a minute
    job.save()
    _burst(name)
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert caches["shared"].get(PROBE_KEY.format(token="lost")) == "lost"
