"""The ffmpeg work itself: one loudness-normalised MP3 for a sound; for a
video, H.264/AAC MP4 in 720p and 360p, a poster frame and an HLS ladder made
from those two files without re-encoding.

Outputs are written in a work folder next to the original, then moved onto
names derived from the asset's uid (see Workspace). The source's metadata
(GPS position of a phone, names, software) never reaches published files.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.utils import timezone
from django.utils.translation import gettext as _

from . import media
from .models import MediaAsset, _media_path
from .probing import _int

SEGMENT_SECONDS = 4
# (name, shorter side, video quality, max video rate, audio rate, profile)
LADDER = (
    ("720", 720, "23", "2500k", "128k", "high"),
    ("360", 360, "26", "800k", "96k", "main"),
)
HLS_NAME = re.compile(r"^(?:index\.m3u8|seg_\d{3,5}\.ts)$")


class ProcessingError(Exception):
    """A failure, with a reason the uploader can read; ``retry`` when trying
    again later may help (a timeout, a killed process, a full disk)."""

    def __init__(self, reason: str, *, retry: bool = False, detail: str = ""):
        super().__init__(detail or reason)
        self.reason = reason
        self.retry = retry
        self.detail = detail


# --- running ffmpeg --------------------------------------------------------


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
            command, stdout=subprocess.PIPE, stderr=log, text=True, errors="replace"
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


# --- where the files go ----------------------------------------------------


class Workspace:
    """A work folder next to the asset's files, and the moves out of it.

    With local storage the finished files are renamed into place (atomic on
    one file system); with remote storage they are uploaded over the old
    ones. Work folders left by a killed run are removed first.
    """

    def __init__(self, asset: MediaAsset):
        self.asset = asset
        self.storage = asset.original.storage
        self.base = _media_path(asset, "").rstrip("/")
        try:
            self.final_dir = Path(self.storage.path(self.base))
        except NotImplementedError:
            self.final_dir = None
        if self.final_dir is not None:
            self.final_dir.mkdir(parents=True, exist_ok=True)
            for stale in self.final_dir.glob(".work-*"):
                shutil.rmtree(stale, ignore_errors=True)
            self.dir = Path(tempfile.mkdtemp(prefix=".work-", dir=self.final_dir))
        else:
            self.dir = Path(tempfile.mkdtemp(prefix="quartiers-media-"))

    def source(self) -> Path:
        try:
            return Path(self.storage.path(self.asset.original.name))
        except NotImplementedError:
            target = self.dir / (
                "source." + media.extension_of(self.asset.original.name)
            )
            with self.storage.open(self.asset.original.name, "rb") as remote:
                with open(target, "wb") as local:
                    shutil.copyfileobj(remote, local, 1024 * 1024)
            return target

    def publish(self, made: Path, name: str) -> str:
        """Move a finished file or folder onto its final name; return that name."""
        final_name = f"{self.base}/{name}"
        if self.final_dir is not None:
            target = self.final_dir / name
            if made.is_dir():
                old = self.dir / f"{name}.old"
                if target.exists():
                    os.replace(target, old)
                os.replace(made, target)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(made, target)
            return final_name
        files = [p for p in made.rglob("*") if p.is_file()] if made.is_dir() else [made]
        for path in files:
            relative = path.relative_to(made).as_posix() if made.is_dir() else ""
            remote = f"{final_name}/{relative}" if relative else final_name
            self.storage.delete(remote)
            with open(path, "rb") as handle:
                self.storage.save(remote, File(handle))
        return final_name

    def cleanup(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def asset_files_dir(asset: MediaAsset) -> str:
    return _media_path(asset, "").rstrip("/")


# --- sound -----------------------------------------------------------------

LOUDNESS = "I=-16:TP=-1.5:LRA=11"


def _measure_loudness(source: Path, duration, on_progress) -> dict | None:
    log = run_ffmpeg(
        [
            "-i",
            str(source),
            "-map",
            "0:a:0",
            "-af",
            f"loudnorm={LOUDNESS}:print_format=json",
            "-f",
            "null",
            "-",
        ],
        duration=duration,
        on_progress=on_progress,
        loglevel="info",
    )
    start = log.rfind("{")
    end = log.rfind("}")
    if start < 0 or end < start:
        return None
    try:
        stats = json.loads(log[start : end + 1])
        values = {
            key: float(stats[key])
            for key in (
                "input_i",
                "input_tp",
                "input_lra",
                "input_thresh",
                "target_offset",
            )
        }
    except (ValueError, KeyError, TypeError):
        return None
    if any(value != value or abs(value) == float("inf") for value in values.values()):
        return None  # silence measures -inf: normalise in one pass instead
    return values


def _loudnorm_filter(stats: dict | None) -> str:
    if not stats:
        return f"loudnorm={LOUDNESS}"
    return (
        f"loudnorm={LOUDNESS}:measured_I={stats['input_i']}"
        f":measured_TP={stats['input_tp']}:measured_LRA={stats['input_lra']}"
        f":measured_thresh={stats['input_thresh']}:offset={stats['target_offset']}"
        ":linear=true"
    )


def _audio_channels(info: media.Probe) -> int:
    for stream in info.streams:
        if stream.get("codec_type") == "audio":
            return _int(stream.get("channels")) or 2
    return 2


def make_audio(asset: MediaAsset, workspace: Workspace, progress: Progress) -> dict:
    source = workspace.source()
    info = _probe_source(source)
    duration = info.duration or asset.duration
    stats = _measure_loudness(source, duration, progress.stage(0, 45))
    mono = _audio_channels(info) == 1
    made = workspace.dir / "audio.mp3"
    run_ffmpeg(
        [
            "-i",
            str(source),
            "-map",
            "0:a:0",
            "-vn",
            "-sn",
            "-dn",
            "-map_metadata",
            "-1",
            "-map_chapters",
            "-1",
            "-fflags",
            "+bitexact",
            "-af",
            _loudnorm_filter(stats),
            "-ar",
            "44100",
            "-ac",
            "1" if mono else "2",
            "-c:a",
            "libmp3lame",
            "-b:a",
            "96k" if mono else "128k",
            "-id3v2_version",
            "0",
            str(made),
        ],
        duration=duration,
        on_progress=progress.stage(45, 95),
    )
    result = _probe_output(made)
    tag_mp3(made, title=str(asset), artist=asset.portal.name)
    size = made.stat().st_size
    name = workspace.publish(made, "audio.mp3")
    return {"audio_file": name, "audio_size": size, "duration": result.duration}


def tag_mp3(path: Path, *, title: str, artist: str) -> None:
    """Write our ID3 tags only: title, and the portal as artist and album."""
    from mutagen.id3 import ID3, TALB, TIT2, TPE1

    tags = ID3()
    tags.add(TIT2(encoding=3, text=[title]))
    tags.add(TPE1(encoding=3, text=[artist]))
    tags.add(TALB(encoding=3, text=[artist]))
    tags.save(str(path), v2_version=3)


def _probe_source(path: Path) -> media.Probe:
    try:
        return media.probe(path)
    except media.ProbeError as error:
        raise ProcessingError(
            _("Le fichier d'origine est illisible."), detail=str(error)
        ) from None


def _probe_output(path: Path) -> media.Probe:
    try:
        return media.probe(path)
    except media.ProbeError as error:
        raise ProcessingError(
            _("Le fichier converti est illisible."), retry=True, detail=str(error)
        ) from None


# --- video -----------------------------------------------------------------


def _scale(short_side: int) -> str:
    """Fit the shorter side to ``short_side`` without enlarging, even sizes,
    portrait or landscape (after the phone's rotation is applied)."""
    side = f"trunc(min({short_side},%s)/2)*2"
    return (
        f"scale=w='if(gte(iw,ih),-2,{side % 'iw'})'"
        f":h='if(gte(iw,ih),{side % 'ih'},-2)',setsar=1,format=yuv420p"
    )


def make_video(asset: MediaAsset, workspace: Workspace, progress: Progress) -> dict:
    source = workspace.source()
    info = _probe_source(source)
    duration = info.duration or asset.duration
    graph = f"[0:v:0]split={len(LADDER)}" + "".join(f"[in{n}]" for n, *_r in LADDER)
    graph += "".join(f";[in{n}]{_scale(side)}[v{n}]" for n, side, *_r in LADDER)
    args = ["-i", str(source), "-filter_complex", graph]
    for name, _side, crf, maxrate, audio_rate, profile in LADDER:
        args += [
            "-map",
            f"[v{name}]",
            "-map",
            "0:a:0?",
            "-map_metadata",
            "-1",
            "-map_chapters",
            "-1",
            "-fflags",
            "+bitexact",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-crf",
            crf,
            "-maxrate",
            maxrate,
            "-bufsize",
            str(int(maxrate[:-1]) * 2) + "k",
            "-profile:v",
            profile,
            "-force_key_frames",
            f"expr:gte(t,n_forced*{SEGMENT_SECONDS})",
            "-sc_threshold",
            "0",
            "-fpsmax",
            "30",
            "-c:a",
            "aac",
            "-b:a",
            audio_rate,
            "-ac",
            "2",
            "-movflags",
            "+faststart",
            str(workspace.dir / f"{name}.mp4"),
        ]
    run_ffmpeg(args, duration=duration, on_progress=progress.stage(0, 85))

    hls = workspace.dir / "hls"
    variants = []
    for index, (name, *_rest) in enumerate(LADDER):
        made = workspace.dir / f"{name}.mp4"
        (hls / name).mkdir(parents=True)
        run_ffmpeg(
            [
                "-i",
                str(made),
                "-map",
                "0",
                "-c",
                "copy",
                "-f",
                "hls",
                "-hls_time",
                str(SEGMENT_SECONDS),
                "-hls_playlist_type",
                "vod",
                "-hls_segment_filename",
                str(hls / name / "seg_%03d.ts"),
                str(hls / name / "index.m3u8"),
            ],
            duration=duration,
            on_progress=progress.stage(85 + 5 * index, 90 + 5 * index),
        )
        variants.append((name, _probe_output(made), made.stat().st_size))
    (hls / "master.m3u8").write_text(_master_playlist(variants, duration))

    poster = workspace.dir / "poster.jpg"
    at = min(3.0, (duration or 0) * 0.25)
    run_ffmpeg(
        [
            "-ss",
            f"{at:.2f}",
            "-i",
            str(workspace.dir / "720.mp4"),
            "-frames:v",
            "1",
            "-q:v",
            "3",
            "-map_metadata",
            "-1",
            "-update",
            "1",
            str(poster),
        ],
    )
    best = variants[0][1]
    fields = {
        "duration": best.duration or duration,
        "width": best.width,
        "height": best.height,
        "video_720_size": variants[0][2],
        "video_360_size": variants[1][2],
        "poster": workspace.publish(poster, "poster.jpg"),
        "video_720": workspace.publish(workspace.dir / "720.mp4", "720.mp4"),
        "video_360": workspace.publish(workspace.dir / "360.mp4", "360.mp4"),
    }
    fields["hls_playlist"] = workspace.publish(hls, "hls") + "/master.m3u8"
    return fields


def _avc_codec(stream: dict) -> str:
    profiles = {"High": "6400", "Main": "4d40", "Constrained Baseline": "42e0"}
    profile = profiles.get(str(stream.get("profile")), "")
    level = _int(stream.get("level"))
    if not profile or not level:
        return ""
    return f"avc1.{profile}{level:02x}"


def _master_playlist(variants, duration) -> str:
    lines = ["#EXTM3U", "#EXT-X-VERSION:3"]
    for name, info, size in variants:
        video = next((s for s in info.streams if s.get("codec_type") == "video"), {})
        bandwidth = int(size * 8 / duration * 1.2) if duration else 1_000_000
        attributes = [f"BANDWIDTH={max(bandwidth, 1)}"]
        if info.width and info.height:
            attributes.append(f"RESOLUTION={info.width}x{info.height}")
        codecs = [_avc_codec(video)] if _avc_codec(video) else []
        if codecs and info.has_audio:
            codecs.append("mp4a.40.2")
        if codecs:
            attributes.append(f'CODECS="{",".join(codecs)}"')
        lines += ["#EXT-X-STREAM-INF:" + ",".join(attributes), f"{name}/index.m3u8"]
    return "\n".join(lines) + "\n"
