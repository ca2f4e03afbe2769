"""The health endpoint answers monitoring in JSON, never cached, never a 500."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone

from quartiers.core.health import HEARTBEAT_KEY, PERIODIC_KEY

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PATHS = ["/sante/", "/healthz"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PATHS)
def test_health_ok(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response.headers
    assert not response.cookies
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["cache"]["ok"] is True
    # The test settings run tasks immediately: no queue to measure.
    assert body["queue"]["depth"] == "unknown"
    assert set(body["worker"]) == {"last_heartbeat", "age_seconds"}
    assert "@" not in response.content.decode()


@pytest.mark.django_db
def test_health_is_never_served_from_the_page_cache(client):
    assert client.get("/sante/").json()["queue"]["depth"] == "unknown"
    with override_settings(TASKS=DB_TASKS):
        # A second answer computed afresh, not the first one replayed.
        assert client.get("/sante/").json()["queue"]["depth"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize("path", PATHS)
def test_database_down_gives_503_json(client, path):
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get(path)
    assert response.status_code == 503
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "down"
    assert body["database"]["ok"] is False
    assert body["queue"]["depth"] == "unknown"


@pytest.mark.django_db
def test_cache_down_gives_503(client):
    with mock.patch(
        "quartiers.core.health.cache.set", side_effect=ConnectionError("refused")
    ):
        response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["cache"]["ok"] is False


def _enqueue(**fields):
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    values = {
        "args_kwargs": {"args": [], "kwargs": {}},
        "task_path": "quartiers.core.tasks.nothing",
        "backend_name": "default",
        "run_after": now,
    }
    values.update(fields)
    return DBTaskResult.objects.create(**values)


@pytest.mark.django_db
@override_settings(TASKS=DB_TASKS)
def test_queue_depth_counts_waiting_tasks_and_worker_activity(client):
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    _enqueue(run_after=now - timezone.timedelta(seconds=120))
    _enqueue()
    _enqueue()
    done = _enqueue(status="SUCCESSFUL")
    DBTaskResult.objects.filter(pk=done.pk).update(
        started_at=now - timezone.timedelta(seconds=40),
        finished_at=now - timezone.timedelta(seconds=30),
    )
    body = client.get("/sante/").json()
    assert body["queue"]["depth"] == 3
    assert body["queue"]["oldest_waiting_seconds"] >= 119
    assert 29 <= body["worker"]["age_seconds"] < 100
    assert body["status"] == "ok"

    # A task waiting for too long: still 200, but "degraded".
    _enqueue(run_after=now - timezone.timedelta(hours=2))
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["queue"]["depth"] == 4


@pytest.mark.django_db
def test_worker_heartbeat_from_the_cache(client):
    from django.core.cache import caches

    assert client.get("/sante/").json()["worker"]["last_heartbeat"] is None
    caches["shared"].set(HEARTBEAT_KEY, timezone.now().isoformat(), None)
    worker = client.get("/sante/").json()["worker"]
    assert worker["last_heartbeat"] is not None
    assert 0 <= worker["age_seconds"] < 60
    caches["shared"].delete(HEARTBEAT_KEY)


@pytest.mark.django_db
def test_the_periodic_runner_says_when_it_last_ran(client, settings):
    from django.core.cache import caches
    from django.core.management import call_command

    caches["shared"].delete(PERIODIC_KEY)
    assert client.get("/sante/").json()["periodic"]["last_run"] is None
    settings.QUARTIERS_PERIODIC_JOBS = {"quartiers.core.tests.test_health.noop": 60}
    call_command("run_periodic", "--once")
    periodic = client.get("/sante/").json()["periodic"]
    assert periodic["last_run"] is not None
    assert 0 <= periodic["age_seconds"] < 60


def noop():
    pass


def test_json_log_formatter_writes_one_object_a_line():
    import json
    import logging

    from quartiers.core.logging import JsonFormatter

    record = logging.makeLogRecord(
        {"name": "quartiers.x", "levelname": "WARNING", "msg": "lent %s", "args": (3,)}
    )
    record.portal = "alpha"
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "lent 3"
    assert entry["level"] == "WARNING"
    assert entry["portal"] == "alpha"


def test_production_settings_use_the_json_formatter_when_asked():
    import os
    import subprocess
    import sys

    code = (
        "from quartiers.config.settings import production as p;"
        "print(p.LOGGING['handlers']['console'].get('formatter'))"
    )
    env = {**os.environ, "SECRET_KEY": "x" * 50, "LOG_FORMAT": "json"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True
    )
    assert out.stdout.strip() == "json", out.stderr
