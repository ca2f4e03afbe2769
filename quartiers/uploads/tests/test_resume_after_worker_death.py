"""A conversion whose worker died is taken over as soon as another run asks,
not after the stale delay: the asset records which worker and task run hold
it, and the worker's heartbeat (quartiers/ops) tells whether it still lives.
An asset held by a living worker is never taken twice; one without a known
holder keeps the stale delay. End to end: a real worker killed outright in
the middle of an ffmpeg conversion leaves no ffmpeg behind, and the next
worker finishes the video well within the stale delay."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus

from quartiers.ops.models import WorkerBeat
from quartiers.uploads import demo_media, media_services, processing
from quartiers.uploads.models import MediaAsset
from quartiers.uploads.processing import Holder

from .conftest import needs_ffmpeg

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _beat(worker_id, *, seconds_ago, stopped=False):
    moment = timezone.now() - timedelta(seconds=seconds_ago)
    return WorkerBeat.objects.create(
        worker_id=worker_id,
        started_at=moment,
        beat_at=moment,
        stopped_at=moment if stopped else None,
    )


def _in_progress(portal, *, worker="", task="", minutes_ago=1, attempts=1):
    """An asset "in progress" since ``minutes_ago``, held as given."""
    asset = MediaAsset.objects.create(
        portal=portal, kind=MediaAsset.VIDEO, original="medias/x/film.mp4"
    )
    MediaAsset.objects.filter(pk=asset.pk).update(
        status=MediaAsset.PROCESSING,
        attempts=attempts,
        held_by_worker=worker,
        held_by_task=task,
        updated_at=timezone.now() - timedelta(minutes=minutes_ago),
    )
    asset.refresh_from_db()
    return asset


def _running_task(worker_id, status=TaskResultStatus.RUNNING):
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="quartiers.uploads.tasks.process_media_asset",
        backend_name="default",
        run_after=timezone.now(),
        started_at=timezone.now(),
        worker_ids=[worker_id],
    )


# --- who may take an asset in progress ---------------------------------------


@pytest.mark.django_db
def test_an_asset_held_by_a_dead_worker_is_taken_at_once(portal_a):
    _beat("w-dead", seconds_ago=120)
    asset = _in_progress(portal_a, worker="w-dead", task="t-1", minutes_ago=1)

    taken = processing.claim(asset.pk, Holder("w-next", "t-1"))

    assert taken is not None
    asset.refresh_from_db()
    assert asset.status == MediaAsset.PROCESSING
    assert asset.attempts == 2 and asset.progress == 0
    assert (asset.held_by_worker, asset.held_by_task) == ("w-next", "t-1")
    # The next run asks the new holder, which lives: not taken a third time.
    _beat("w-next", seconds_ago=0)
    assert processing.claim(asset.pk, Holder("w-other", "t-2")) is None


@pytest.mark.django_db
def test_a_worker_that_stopped_holds_nothing(portal_a):
    _beat("w-stopped", seconds_ago=1, stopped=True)
    asset = _in_progress(portal_a, worker="w-stopped", minutes_ago=1)
    assert processing.claim(asset.pk, Holder("w-next")) is not None


@pytest.mark.django_db
def test_an_asset_held_by_a_living_worker_is_never_taken_twice(portal_a, animator_a):
    _beat("w-alive", seconds_ago=2)
    # Even two hours without news: its worker beats, so it still works on it.
    asset = _in_progress(portal_a, worker="w-alive", minutes_ago=120)

    assert processing.claim(asset.pk, Holder("w-other")) is None
    assert processing.process(asset.pk) == "skipped"
    assert not media_services.can_retry(asset)
    assert media_services.media_assets_requeue_stale() == 0
    asset.refresh_from_db()
    assert (asset.status, asset.attempts) == (MediaAsset.PROCESSING, 1)
    assert asset.held_by_worker == "w-alive"


@pytest.mark.django_db
@override_settings(TASKS=DB_TASKS)
def test_a_living_worker_whose_run_ended_holds_nothing(portal_a):
    """The worker lives on, but the task run that took the asset is over
    (it failed after the conversion, say): the asset is not left stuck."""
    _beat("w-alive", seconds_ago=1)
    ended = _running_task("w-alive", status=TaskResultStatus.FAILED)
    running = _running_task("w-alive")
    stuck = _in_progress(portal_a, worker="w-alive", task=str(ended.pk))
    busy = _in_progress(portal_a, worker="w-alive", task=str(running.pk))

    assert processing.claim(busy.pk, Holder("w-other")) is None
    assert processing.claim(stuck.pk, Holder("w-other")) is not None


@pytest.mark.django_db
def test_without_a_known_holder_the_stale_delay_still_applies(portal_a, settings):
    settings.QUARTIERS_MEDIA_STALE_SECONDS = 600
    inline = _in_progress(portal_a, minutes_ago=5)  # converted inline: no holder
    unknown = _in_progress(portal_a, worker="w-no-heartbeat", minutes_ago=5)
    for asset in (inline, unknown):
        assert processing.claim(asset.pk, Holder("w-next")) is None
    MediaAsset.objects.filter(pk__in=[inline.pk, unknown.pk]).update(
        updated_at=timezone.now() - timedelta(minutes=11)
    )
    for asset in (inline, unknown):
        assert processing.claim(asset.pk, Holder("w-next")) is not None


@pytest.mark.django_db
def test_the_periodic_job_and_the_retry_button_see_a_dead_holder_at_once(
    portal_a, django_capture_on_commit_callbacks, monkeypatch
):
    scheduled = []
    monkeypatch.setattr(processing, "schedule", lambda pk, **_: scheduled.append(pk))
    _beat("w-dead", seconds_ago=300)
    asset = _in_progress(portal_a, worker="w-dead", minutes_ago=1)
    assert media_services.can_retry(asset)
    with django_capture_on_commit_callbacks(execute=True):
        assert media_services.media_assets_requeue_stale() == 1
    asset.refresh_from_db()
    assert asset.status == MediaAsset.PENDING
    assert scheduled == [asset.pk]  # a conversion is enqueued again


# --- a real worker records itself as the holder ----------------------------


def _a_portal(slug: str):
    """A portal in a transactional test, where the tests before it may have
    emptied the database (the roots of pages and collections included)."""
    from wagtail.models import Collection, Locale, Page

    from quartiers.portals import services

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return services.portal_create(
        actor=None, slug=slug, name=f"Quartier {slug}", town="Pantin"
    )


@needs_ffmpeg
@pytest.mark.django_db(transaction=True)
def test_the_worker_that_converts_is_recorded_as_the_holder(corpus, tmp_path):
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    portal = _a_portal("tenue")
    with override_settings(TASKS=DB_TASKS):
        asset = media_services.media_asset_from_file(
            portal=portal, path=corpus["m4a"], kind=MediaAsset.AUDIO, process_now=False
        )
        result = DBTaskResult.objects.get()
        _run_database_worker(Worker)

    asset.refresh_from_db()
    assert asset.status == MediaAsset.READY
    assert (asset.held_by_worker, asset.held_by_task) == ("w-recorded", str(result.pk))


def _run_database_worker(Worker):
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="w-recorded",
        excluded_queue_names=[],
    ).run()


# --- end to end: a worker killed during an ffmpeg conversion ----------------

ROOT = Path(settings.BASE_DIR)
DROPPED = ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "QUARTIERS_VAR_DIR")


class SharedInstall:
    """The test's database as the workers it starts see it: its PostgreSQL
    test database, or (SQLite in memory) a file copied from it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.sqlite = connection.vendor == "sqlite"
        self.file = folder / "shared.sqlite3"

    def share(self) -> None:
        if self.sqlite:
            connection.ensure_connection()
            target = sqlite3.connect(self.file)
            connection.connection.backup(target)
            target.close()

    def env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key not in DROPPED}
        env.update(
            DJANGO_SETTINGS_MODULE="quartiers.uploads.tests.worker_settings",
            QUARTIERS_VAR_DIR=str(self.folder),
            TASKS_BACKEND="database",
        )
        if not self.sqlite:
            db = connection.settings_dict
            login = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
            host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
            env["DATABASE_URL"] = f"postgres://{login}@{host}/{db['NAME']}"
        return env

    def asset(self, pk: int) -> tuple:
        query = (
            "SELECT status, progress, attempts FROM uploads_mediaasset WHERE id = %s"
        )
        if self.sqlite:
            with sqlite3.connect(self.file, timeout=30) as db:
                return db.execute(query.replace("%s", "?"), (pk,)).fetchone()
        with connection.cursor() as cursor:
            cursor.execute(query, [pk])
            return cursor.fetchone()

    def worker(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "run_worker", *args],
            cwd=ROOT,
            env=self.env(),
            stdout=subprocess.DEVNULL,
            stderr=(self.folder / "workers.log").open("a"),
        )

    def log(self) -> str:
        path = self.folder / "workers.log"
        return path.read_text()[-3000:] if path.exists() else ""


def _children(pid: int, name: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1 : stat.rindex(")")]
        state, ppid = stat[stat.rindex(")") + 2 :].split()[:2]
        if int(ppid) == pid and comm == name and state != "Z":
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def _ffmpeg_on(folder: Path) -> list[int]:
    """Living ffmpeg processes working on files under ``folder``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if "ffmpeg" in argv.split("\0")[0] and str(folder) in argv:
            if _alive(int(entry.name)):
                found.append(int(entry.name))
    return found


@needs_ffmpeg
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_during_a_conversion_is_taken_over_quickly(tmp_path):
    shared = SharedInstall(tmp_path)  # media: tmp_path/media here and there
    # Long enough that ffmpeg is still converting when its worker is killed.
    source = demo_media.generate_video(
        tmp_path / "long.mp4", seconds=40, label="Reprise", size="640x360"
    )
    portal = _a_portal("reprise")
    with override_settings(TASKS=DB_TASKS):  # the workers' queue
        asset = media_services.media_asset_from_file(
            portal=portal, path=source, kind=MediaAsset.VIDEO, process_now=False
        )
    shared.share()

    first = shared.worker()
    try:
        deadline = time.monotonic() + 180
        ffmpeg = []
        while not ffmpeg and time.monotonic() < deadline:
            assert first.poll() is None, shared.log()
            ffmpeg = _children(first.pid, "ffmpeg")
            time.sleep(0.2)
        assert ffmpeg, "the first worker never started ffmpeg\n" + shared.log()
        assert shared.asset(asset.pk)[0] == MediaAsset.PROCESSING
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    killed_at = time.monotonic()

    # Its ffmpeg dies with it, instead of converting on, orphaned.
    while any(_alive(pid) for pid in ffmpeg) and time.monotonic() - killed_at < 10:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in ffmpeg)

    # The next worker, once the first one's heartbeat is lost (2 s here),
    # puts the task back in the queue and takes the asset over at once.
    time.sleep(3)
    second = shared.worker("--burst")
    try:
        second.wait(300)
    finally:
        if second.poll() is None:
            second.kill()
    elapsed = time.monotonic() - killed_at

    status, progress, attempts = shared.asset(asset.pk)
    assert (status, progress, attempts) == (MediaAsset.READY, 100, 2), shared.log()
    assert elapsed < processing.stale_after().total_seconds() / 2
    assert _ffmpeg_on(tmp_path) == []
