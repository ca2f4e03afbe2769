"""Periodic jobs run by themselves, once per period, whatever the number of
schedulers, and one failing job never stops the others."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from quartiers.ops import periodic
from quartiers.ops.models import PeriodicRun

CALLS: list[str] = []


def job_one():
    CALLS.append("one")


def job_broken():
    raise RuntimeError("boom")


HERE = "quartiers.ops.tests.test_periodic"


@pytest.fixture(autouse=True)
def _calls():
    CALLS.clear()
    yield
    CALLS.clear()


@pytest.mark.django_db
def test_a_period_is_taken_once():
    now = timezone.now()
    assert periodic.claim("x.y", 60, now) is True
    assert periodic.claim("x.y", 60, now + timedelta(seconds=10)) is False
    assert periodic.claim("x.y", 60, now + timedelta(seconds=61)) is True
    assert PeriodicRun.objects.get(name="x.y").runs == 2


@pytest.mark.django_db
def test_run_periodic_runs_due_jobs_once_and_survives_a_failure(settings, caplog):
    settings.QUARTIERS_PERIODIC_JOBS = {
        f"{HERE}.job_broken": 3600,
        f"{HERE}.job_one": 3600,
    }
    call_command("run_periodic", "--once")
    assert CALLS == ["one"]
    assert "periodic job" in caplog.text and "job_broken failed" in caplog.text
    broken = PeriodicRun.objects.get(name=f"{HERE}.job_broken")
    assert broken.succeeded is False and broken.finished_at is not None
    assert PeriodicRun.objects.get(name=f"{HERE}.job_one").succeeded is True

    # A second scheduler (another machine, or a restart) within the period.
    call_command("run_periodic", "--once")
    assert CALLS == ["one"]

    # The period has passed.
    PeriodicRun.objects.update(started_at=timezone.now() - timedelta(hours=2))
    call_command("run_periodic", "--once")
    assert CALLS == ["one", "one"]


def test_the_upkeep_jobs_are_scheduled_without_cron():
    """Ad expiry and reminders, practical-info reminders, stuck media, the
    audience upkeep and the tasks of dead workers all run from run_periodic."""
    jobs = dict(periodic.periodic_jobs())
    for path in (
        "quartiers.classifieds.tasks.expire_ads",
        "quartiers.classifieds.tasks.remind_expiring_ads",
        "quartiers.directory.tasks.remind_stale_practical_info",
        "quartiers.uploads.media_services.media_assets_requeue_stale",
        "quartiers.stats.tasks.purge_old_page_views",
        "quartiers.ops.jobs.take_up_lost_tasks",
        "quartiers.radio.tasks.poll_icecast",
    ):
        assert path in jobs, path
    from django.utils.module_loading import import_string

    for path in jobs:
        import_string(path)  # each path points at something real


def test_an_app_can_register_a_job(settings):
    settings.QUARTIERS_PERIODIC_JOBS = {}
    periodic.register(f"{HERE}.job_one", 120)
    try:
        assert (f"{HERE}.job_one", 120.0) in periodic.periodic_jobs()
        settings.QUARTIERS_PERIODIC_JOBS = {f"{HERE}.job_one": 0}
        assert periodic.periodic_jobs() == []  # the settings can turn it off
    finally:
        periodic._registered.pop(f"{HERE}.job_one", None)


@pytest.mark.django_db
def test_every_default_job_runs_on_an_empty_install(mailoutbox):
    """The real jobs run here without error (nothing due, nothing sent)."""
    for path, _every in settings.QUARTIERS_PERIODIC_JOBS.items():
        assert periodic.run_job(path), path
