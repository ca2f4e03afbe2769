"""Turning an uploaded sound or video into the files the portals publish:
the rules around the conversion (transcode.py does the ffmpeg work, running.py
runs it, workspace.py puts the files in place).

Re-running is safe: a run first takes the asset (a task enqueued twice runs
once), outputs replace what a killed run may have left, attempts are
bounded and every failure leaves a reason in French on the asset.
"""

import logging
import shutil
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from quartiers.core import workers as liveness

from . import media
from .models import MediaAsset
from .running import ProcessingError, Progress, run_ffmpeg
from .transcode import HLS_NAME, LADDER, make_audio, make_video, tag_mp3
from .workspace import Workspace, asset_files_dir

__all__ = ["HLS_NAME", "LADDER", "ProcessingError", "asset_files_dir", "run_ffmpeg"]

logger = logging.getLogger(__name__)


def max_attempts() -> int:
    return int(getattr(settings, "QUARTIERS_MEDIA_MAX_ATTEMPTS", 3))


def stale_after() -> timedelta:
    return timedelta(
        seconds=int(getattr(settings, "QUARTIERS_MEDIA_STALE_SECONDS", 600))
    )


@dataclass(frozen=True)
class Holder:
    """Who converts an asset: the worker (its heartbeat is read through
    quartiers.core.workers) and the task run (its result, through the task
    backend). Blank when unknown."""

    worker_id: str = ""
    task_id: str = ""

    @classmethod
    def of(cls, context) -> "Holder":
        """The holder a running task is, from its django-tasks context."""
        result = getattr(context, "task_result", None)
        if result is None:
            return cls()
        worker_ids = list(getattr(result, "worker_ids", None) or [])
        return cls(
            worker_id=str(worker_ids[-1])[:64] if worker_ids else "",
            task_id=str(getattr(result, "id", "") or "")[:64],
        )


def is_stale(asset: MediaAsset, now=None) -> bool:
    """Waiting or "in progress" with nobody working on it any more.

    "In progress" on a worker whose heartbeat stopped (killed, its machine
    gone) or in a task run that ended without letting go: at once. Held by
    a living worker still running its task: never, however long it takes.
    Without a known holder (converted inline, a worker that does not beat),
    and for a waiting asset: after the stale delay without any news.
    """
    if asset.status not in (MediaAsset.PENDING, MediaAsset.PROCESSING):
        return False
    if asset.status == MediaAsset.PROCESSING and asset.held_by_worker:
        state = _holder_state(asset)
        if state == GONE:
            return True
        if state == WORKING:
            return False
    now = now or timezone.now()
    return asset.updated_at is not None and asset.updated_at < now - stale_after()


WORKING = "working"
GONE = "gone"


def _holder_state(asset: MediaAsset) -> str:
    """WORKING, GONE or UNKNOWN for the holder of an asset in progress."""
    state = liveness.worker_state(asset.held_by_worker)
    if state == liveness.LOST:
        return GONE
    if state != liveness.ALIVE:
        return liveness.UNKNOWN
    if not asset.held_by_task:
        return WORKING
    return _task_state(asset.held_by_task, asset.held_by_worker)


def _task_state(task_id: str, worker_id: str) -> str:
    """Whether the run that took the asset is still running on that worker
    (its worker lives, but the task may have ended without letting go: a
    failed database write after the conversion, say)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks.exceptions import TaskResultDoesNotExist

    from . import tasks

    backend = tasks.process_media_asset.get_backend()
    if not backend.supports_get_result:
        return WORKING
    try:
        result = backend.get_result(task_id)
    except TaskResultDoesNotExist:
        return GONE
    except Exception:  # noqa: BLE001 - a queue that does not answer: assume busy
        logger.warning("media: task %s could not be read", task_id, exc_info=True)
        return WORKING
    running = result.status == TaskResultStatus.RUNNING
    if running and (not result.worker_ids or result.worker_ids[-1] == worker_id):
        return WORKING
    return GONE


# --- the pipeline ----------------------------------------------------------


def claim(asset_id: int, holder: Holder | None = None) -> MediaAsset | None:
    """Take the asset for this run, or None when there is nothing to do.

    Ready, failed and "in progress" assets are left alone, so a task
    enqueued twice runs once; an asset "in progress" whose holder is gone
    (its worker was killed) is taken again at once, one without a known
    holder after the stale delay (see is_stale). ``holder`` says who takes
    it, for the next one to ask.
    """
    holder = holder or Holder()
    with transaction.atomic():
        asset = (
            MediaAsset.objects.select_for_update()
            .select_related("portal")
            .filter(pk=asset_id)
            .first()
        )
        if asset is None:
            return None
        takeable = asset.status == MediaAsset.PENDING or (
            asset.status == MediaAsset.PROCESSING and is_stale(asset)
        )
        if not takeable:
            return None
        if asset.status == MediaAsset.PROCESSING:
            logger.warning(
                "media asset %s taken again (held by worker %r, task %r)",
                asset.pk,
                asset.held_by_worker,
                asset.held_by_task,
            )
        if asset.attempts >= max_attempts():
            mark_failed(asset, too_many_attempts_reason())
            return None
        asset.status = MediaAsset.PROCESSING
        asset.attempts += 1
        asset.progress = 0
        asset.held_by_worker = holder.worker_id
        asset.held_by_task = holder.task_id
        asset.save(
            update_fields=[
                "status",
                "attempts",
                "progress",
                "held_by_worker",
                "held_by_task",
                "updated_at",
            ]
        )
    return asset


def too_many_attempts_reason() -> str:
    return _(
        "La préparation a échoué %(count)s fois. Envoyez le fichier à nouveau, "
        "ou un autre enregistrement."
    ) % {"count": max_attempts()}


def process(asset_id: int, holder: Holder | None = None) -> str:
    """Make the published files of one asset; what the task runs (``holder``:
    the worker and task run doing it)."""
    asset = claim(asset_id, holder)
    if asset is None:
        return "skipped"
    error = None
    fields = {}
    workspace = None
    try:
        workspace = Workspace(asset)
        progress = Progress(asset.pk)
        if asset.kind == MediaAsset.AUDIO:
            fields = make_audio(asset, workspace, progress)
        else:
            fields = make_video(asset, workspace, progress)
    except ProcessingError as failure:
        error = failure
    except media.MediaToolMissing:
        error = ProcessingError(
            _("Les outils de conversion manquent sur le serveur."), retry=True
        )
    except OSError as failure:
        error = ProcessingError(
            _("Le serveur n'a pas pu écrire les fichiers. Un nouvel essai est prévu."),
            retry=True,
            detail=repr(failure),
        )
    except Exception as failure:  # noqa: BLE001 - the asset must not stay "in progress"
        logger.exception("media asset %s: unexpected failure", asset_id)
        error = ProcessingError(
            _("Une erreur inattendue a arrêté la préparation."),
            detail=repr(failure),
        )
    finally:
        if workspace is not None:
            workspace.cleanup()
    if error is not None:
        return _after_failure(asset, error)
    fields.update(
        status=MediaAsset.READY,
        progress=100,
        failure_reason="",
        processed_at=timezone.now(),
    )
    for name, value in fields.items():
        setattr(asset, name, value)
    asset.save(update_fields=[*fields, "updated_at"])
    return "ready"


def mark_failed(asset: MediaAsset, reason: str) -> None:
    asset.status = MediaAsset.FAILED
    asset.failure_reason = reason
    asset.save(update_fields=["status", "failure_reason", "updated_at"])


def _after_failure(asset: MediaAsset, error: ProcessingError) -> str:
    logger.warning(
        "media asset %s (attempt %s) failed: %s",
        asset.pk,
        asset.attempts,
        error.detail or error.reason,
    )
    if error.retry and asset.attempts < max_attempts():
        asset.status = MediaAsset.PENDING
        asset.failure_reason = error.reason
        asset.save(update_fields=["status", "failure_reason", "updated_at"])
        schedule(asset.pk, delay=timedelta(seconds=30 * asset.attempts))
        return "retry"
    reason = error.reason
    if error.retry:
        reason = f"{reason} {too_many_attempts_reason()}"
    mark_failed(asset, reason)
    return "failed"


def schedule(asset_id: int, *, delay: timedelta | None = None) -> None:
    from . import tasks

    task = tasks.process_media_asset
    if delay and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + delay)
    task.enqueue(asset_id)


# --- copies for the demo ---------------------------------------------------


def clone_outputs(source: MediaAsset, target: MediaAsset) -> None:
    """Give ``target`` copies of the published files of an identical, ready
    asset (demo seeding: the same generated file in nine portals is
    converted once). The MP3 is tagged again with the target's names."""
    workspace = Workspace(target)
    try:
        fields = {}
        names = {
            "audio_file": "audio.mp3",
            "video_720": "720.mp4",
            "video_360": "360.mp4",
            "poster": "poster.jpg",
        }
        for field_name, file_name in names.items():
            field = getattr(source, field_name)
            if not field:
                continue
            copy = workspace.dir / file_name
            with field.open("rb") as handle, open(copy, "wb") as out:
                shutil.copyfileobj(handle, out, 1024 * 1024)
            if field_name == "audio_file":
                tag_mp3(copy, title=str(target), artist=target.portal.name)
                fields["audio_size"] = copy.stat().st_size
            fields[field_name] = workspace.publish(copy, file_name)
        if source.hls_playlist:
            hls = workspace.dir / "hls"
            source_dir = source.hls_playlist.rsplit("/", 1)[0]
            storage = source.original.storage
            for name, *_rest in LADDER:
                (hls / name).mkdir(parents=True)
                for file_name in storage.listdir(f"{source_dir}/{name}")[1]:
                    if HLS_NAME.match(file_name):
                        with storage.open(f"{source_dir}/{name}/{file_name}") as handle:
                            (hls / name / file_name).write_bytes(handle.read())
            with storage.open(source.hls_playlist) as handle:
                (hls / "master.m3u8").write_bytes(handle.read())
            fields["hls_playlist"] = workspace.publish(hls, "hls") + "/master.m3u8"
    finally:
        workspace.cleanup()
    fields.update(
        duration=source.duration,
        width=source.width,
        height=source.height,
        video_720_size=source.video_720_size,
        video_360_size=source.video_360_size,
        status=MediaAsset.READY,
        progress=100,
        failure_reason="",
        processed_at=timezone.now(),
    )
    for name, value in fields.items():
        setattr(target, name, value)
    target.save(update_fields=[*fields, "updated_at"])
