"""Running ffmpeg for a conversion: progress as it goes, a watchdog that
stops a stuck run, and failures with a reason the uploader can read."""

import shutil
import subprocess
import tempfile
import threading
import time

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from quartiers.core.proc import die_with_parent

from . import media
from .models import MediaAsset


class ProcessingError(Exception):
    """A failure, with a reason the uploader can read; ``retry`` when trying
    again later may help (a timeout, a killed process, a full disk)."""

    def __init__(self, reason: str, *, retry: bool = False, detail: str = ""):
        super().__init__(detail or reason)
        self.reason = reason
        self.retry = retry
        self.detail = detail


def _timeout(duration: float | None) -> float:
    factor = float(getattr(settings, "QUARTIERS_MEDIA_TIMEOUT_FACTOR", 10))
    return max(120.0, (duration or 0) * factor)


def run_ffmpeg(
    args: list[str],
    *,
    duration: float | None = None,
    on_progress=None,
    loglevel: str = "error",
) -> str:
    """Run ffmpeg, report progress (0..1) as it goes, return its log.

    Progress comes from ``-progress pipe:1`` (out_time against the known
    duration). A watchdog kills ffmpeg past a timeout proportional to the
    duration, so that a stuck conversion never holds a worker forever.
    """
    if not shutil.which(media.ffmpeg_binary()):
        raise ProcessingError(
            _("Les outils de conversion manquent sur le serveur."),
            retry=True,
            detail="ffmpeg missing",
        )
    command = [
        media.ffmpeg_binary(),
        "-nostdin",
        "-hide_banner",
        "-v",
        loglevel,
        "-y",
        "-progress",
        "pipe:1",
        "-nostats",
        *args,
    ]
    timeout = _timeout(duration)
    timed_out = threading.Event()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            errors="replace",
            # ffmpeg stops with its worker, even one killed outright.
            preexec_fn=die_with_parent,
        )

        def kill():
            timed_out.set()
            process.kill()

        watchdog = threading.Timer(timeout, kill)
        watchdog.daemon = True
        watchdog.start()
        try:
            for line in process.stdout:
                if on_progress and duration and line.startswith("out_time_us="):
                    try:
                        seconds = int(line.split("=", 1)[1]) / 1_000_000
                    except ValueError:
                        continue
                    on_progress(max(0.0, min(1.0, seconds / duration)))
            returncode = process.wait()
        finally:
            watchdog.cancel()
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    if timed_out.is_set():
        raise ProcessingError(
            _("La conversion a pris trop de temps et a été arrêtée."),
            retry=True,
            detail=f"timeout after {timeout}s: {' '.join(command)}",
        )
    if returncode < 0:
        # Killed by a signal (out of memory, worker stopped): may work later.
        raise ProcessingError(
            _("La conversion a été interrompue."),
            retry=True,
            detail=f"signal {-returncode}: {output[-2000:]}",
        )
    if returncode != 0:
        raise ProcessingError(
            _(
                "Le fichier n'a pas pu être converti : il est peut-être abîmé. "
                "Essayez de l'exporter à nouveau puis envoyez-le."
            ),
            detail=f"exit {returncode}: {output[-2000:]}",
        )
    return output


class Progress:
    """Saves the asset's progress at most every second (and at least every
    minute, which also tells that the worker is alive)."""

    def __init__(self, asset_id: int):
        self.asset_id = asset_id
        self.value = -1
        self.saved_at = 0.0

    def stage(self, start: int, end: int):
        return lambda fraction: self.set(start + (end - start) * fraction)

    def set(self, percent: float) -> None:
        percent = max(0, min(99, int(percent)))
        now = time.monotonic()
        changed = percent > self.value and now - self.saved_at >= 1
        if not changed and now - self.saved_at < 60:
            return
        self.value = max(self.value, percent)
        self.saved_at = now
        MediaAsset.objects.filter(
            pk=self.asset_id, status=MediaAsset.PROCESSING
        ).update(progress=self.value, updated_at=timezone.now())
