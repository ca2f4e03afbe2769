"""What ffprobe says about a file, and short checks with ffmpeg.

Every call has a timeout; which binaries run is decided in ``tools``
(settings, then the system's, then the one a Python wheel ships).
"""

import json
import shutil
import subprocess
from dataclasses import dataclass, field

from django.conf import settings

from . import tools


def _setting(name: str, default):
    return getattr(settings, name, default)


class MediaToolMissing(RuntimeError):
    """ffmpeg or ffprobe is not installed on this machine."""


class ProbeError(Exception):
    """ffprobe could not read the file."""


@dataclass(frozen=True)
class Probe:
    """What ffprobe says about a file, reduced to what the platform uses."""

    duration: float | None
    format_name: str
    has_audio: bool
    has_video: bool
    width: int | None = None
    height: int | None = None
    codecs: tuple[str, ...] = ()
    audio_codec: str = ""
    video_codec: str = ""
    bit_rate: int | None = None
    size: int | None = None
    streams: tuple[dict, ...] = field(default=(), repr=False, compare=False)

    @property
    def demuxer(self) -> str:
        """The first of ffprobe's names for the container ("mov", "matroska")."""
        return self.format_name.split(",", 1)[0]


def ffmpeg_binary() -> str:
    return tools.binary("ffmpeg")


def ffprobe_binary() -> str:
    return tools.binary("ffprobe")


def tools_available() -> bool:
    return bool(shutil.which(ffmpeg_binary()) and shutil.which(ffprobe_binary()))


# --- ffprobe ---------------------------------------------------------------


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


def _float(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number and number >= 0 else None  # not NaN


def probe_data(path, *, timeout: float | None = None) -> dict:
    """ffprobe's whole answer about a local file (format and streams, with
    their tags); raise ProbeError when it cannot read it."""
    if not shutil.which(ffprobe_binary()):
        raise MediaToolMissing("ffprobe")
    timeout = timeout or float(_setting("QUARTIERS_FFPROBE_TIMEOUT", 30))
    try:
        completed = subprocess.run(
            [
                ffprobe_binary(),
                "-v",
                "error",
                "-print_format",
                "json",
                "-show_format",
                "-show_streams",
                str(path),
            ],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ProbeError("timeout") from None
    if completed.returncode != 0:
        raise ProbeError(completed.stderr.decode("utf-8", "replace")[-500:])
    try:
        data = json.loads(completed.stdout.decode("utf-8", "replace"))
    except ValueError:
        raise ProbeError("invalid json") from None
    if not isinstance(data, dict):
        raise ProbeError("invalid json")
    return data


def probe(path, *, timeout: float | None = None) -> Probe:
    """Run ffprobe on a local file; raise ProbeError when it cannot read it."""
    data = probe_data(path, timeout=timeout)
    fmt = data.get("format") or {}
    if not fmt.get("format_name"):
        raise ProbeError("no format")
    streams = tuple(
        s
        for s in data.get("streams") or ()
        if isinstance(s, dict)
        # A cover picture inside an MP3 or M4A is not a video.
        and not (s.get("disposition") or {}).get("attached_pic")
    )
    audio = [s for s in streams if s.get("codec_type") == "audio"]
    video = [s for s in streams if s.get("codec_type") == "video"]
    duration = _float(fmt.get("duration"))
    if duration is None:
        durations = [_float(s.get("duration")) for s in audio + video]
        durations = [d for d in durations if d is not None]
        duration = max(durations) if durations else None
    first_video = video[0] if video else {}
    width, height = _int(first_video.get("width")), _int(first_video.get("height"))
    if _rotation(first_video) % 180 == 90:
        # A phone held upright: the frames are stored sideways.
        width, height = height, width
    return Probe(
        duration=duration,
        format_name=str(fmt.get("format_name")),
        has_audio=bool(audio),
        has_video=bool(video),
        width=width,
        height=height,
        codecs=tuple(str(s.get("codec_name") or "") for s in audio + video),
        audio_codec=str(audio[0].get("codec_name") or "") if audio else "",
        video_codec=str(first_video.get("codec_name") or ""),
        bit_rate=_stream_bit_rate(audio + video),
        size=_int(fmt.get("size")),
        streams=streams,
    )


def _rotation(stream: dict) -> int:
    for side_data in stream.get("side_data_list") or ():
        if isinstance(side_data, dict) and "rotation" in side_data:
            try:
                return int(float(side_data["rotation"])) % 360
            except (TypeError, ValueError):
                return 0
    try:
        return int((stream.get("tags") or {}).get("rotate", 0)) % 360
    except (TypeError, ValueError):
        return 0


def _stream_bit_rate(streams: list[dict]) -> int | None:
    rates = [_int(s.get("bit_rate")) for s in streams]
    if not rates or any(rate is None for rate in rates):
        return None
    return sum(rates)


def measure_duration(
    path, *, stream: str = "a:0", timeout: float = 120
) -> float | None:
    """Decode the file to learn its length, for recordings without one.

    Browser recordings (WebM/Ogg from a phone) often carry no duration in
    their header; decoding them is quick since they are short.
    """
    completed = _run_quiet(
        ["-i", str(path), "-map", f"0:{stream}", "-f", "null", "-"],
        timeout=timeout,
        progress=True,
    )
    if completed is None or completed.returncode != 0:
        return None
    seconds = None
    for line in completed.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("out_time_us="):
            value = _int(line.split("=", 1)[1])
            if value is not None:
                seconds = value / 1_000_000
    return seconds


def _run_quiet(args: list[str], *, timeout: float, progress: bool = False):
    if not shutil.which(ffmpeg_binary()):
        raise MediaToolMissing("ffmpeg")
    command = [ffmpeg_binary(), "-nostdin", "-hide_banner", "-v", "error"]
    if progress:
        command += ["-progress", "pipe:1", "-nostats"]
    try:
        return subprocess.run(
            command + args, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return None


def decodes_cleanly(path, *, stream: str, seconds: float, timeout: float = 60) -> bool:
    """Decode the first seconds: random bytes that ffprobe took for sound
    fail here (ffmpeg gives up when most frames are broken)."""
    completed = _run_quiet(
        ["-t", str(seconds), "-i", str(path), "-map", f"0:{stream}", "-f", "null", "-"],
        timeout=timeout,
    )
    return completed is not None and completed.returncode == 0
