"""Small generated sounds and videos for the demo portals and the tests.

Speech comes from espeak-ng when it is installed (over a soft tone),
otherwise a tone alone; videos are a test pattern with a label and a tone,
in low resolution so that making and converting them takes seconds.
Without ffmpeg the generators raise MediaToolsMissing: seeders print a
French message and skip their sounds and videos.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

from . import media


class MediaToolsMissing(RuntimeError):
    def __init__(self, tool: str = "ffmpeg"):
        super().__init__(
            f"{tool} n'est pas installé : les sons et vidéos de démonstration "
            "ne sont pas créés (installez le paquet ffmpeg)."
        )


MISSING_MESSAGE = (
    "ffmpeg n'est pas installé : les sons et vidéos de démonstration ne sont "
    "pas créés (installez le paquet ffmpeg)."
)


def ffmpeg_available() -> bool:
    return media.tools_available()


def _run(args: list[str], timeout: float = 120) -> None:
    if not ffmpeg_available():
        raise MediaToolsMissing()
    subprocess.run(
        [media.ffmpeg_binary(), "-nostdin", "-hide_banner", "-v", "error", "-y", *args],
        check=True,
        capture_output=True,
        timeout=timeout,
    )


def _espeak() -> str | None:
    return shutil.which("espeak-ng") or shutil.which("espeak")


def generate_audio(path, *, seconds: float, text: str | None = None) -> Path:
    """Write a sound of ``seconds`` at ``path`` (format from its extension).

    With ``text`` and espeak-ng, a French voice reads it over a soft tone.
    """
    if not ffmpeg_available():
        raise MediaToolsMissing()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    seconds = max(0.5, float(seconds))
    tone = f"sine=frequency=220:sample_rate=44100:duration={seconds}"
    with tempfile.TemporaryDirectory() as work:
        speech = Path(work) / "voix.wav"
        voice = _espeak()
        if text and voice:
            subprocess.run(
                [voice, "-v", "fr", "-s", "150", "-w", str(speech), text],
                check=True,
                capture_output=True,
                timeout=60,
            )
        if speech.exists():
            args = [
                "-i",
                str(speech),
                "-f",
                "lavfi",
                "-i",
                tone,
                "-filter_complex",
                "[0:a]aresample=44100,apad[voice];[1:a]volume=0.06[bed];"
                "[voice][bed]amix=inputs=2:duration=longest:normalize=0[out]",
                "-map",
                "[out]",
            ]
        else:
            args = ["-f", "lavfi", "-i", tone, "-af", "volume=0.3"]
        _run(
            [
                *args,
                "-t",
                str(seconds),
                "-ac",
                "1",
                "-fflags",
                "+bitexact",
                *_audio_codec(path),
                str(path),
            ]
        )
    return path


def _audio_codec(path: Path) -> list[str]:
    codecs = {
        ".mp3": ["-c:a", "libmp3lame", "-b:a", "96k"],
        ".m4a": ["-c:a", "aac", "-b:a", "96k"],
        ".ogg": ["-c:a", "libvorbis"],
        ".flac": ["-c:a", "flac"],
        ".wav": ["-c:a", "pcm_s16le"],
    }
    return codecs.get(path.suffix.lower(), [])


def _has_drawtext() -> bool:
    try:
        listing = subprocess.run(
            [media.ffmpeg_binary(), "-hide_banner", "-filters"],
            capture_output=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return b" drawtext " in listing.stdout


def generate_video(path, *, seconds: float, label: str, size: str = "426x240") -> Path:
    """Write a small MP4 (or MKV/WebM by extension): test pattern, label, tone."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not ffmpeg_available():
        raise MediaToolsMissing()
    seconds = max(0.5, float(seconds))
    with tempfile.TemporaryDirectory() as work:
        label_file = Path(work) / "label.txt"
        label_file.write_text(label, encoding="utf-8")
        filters = "format=yuv420p"
        if label and _has_drawtext():
            # textfile= spares us escaping the label for the filter syntax.
            filters = (
                f"drawtext=textfile='{label_file}':fontcolor=white:fontsize=22"
                ":box=1:boxcolor=black@0.6:boxborderw=8"
                ":x=(w-text_w)/2:y=h-text_h-16,format=yuv420p"
            )
        video_codec = ["-c:v", "libx264", "-preset", "ultrafast", "-crf", "28"]
        audio_codec = ["-c:a", "aac", "-b:a", "64k"]
        if path.suffix.lower() == ".webm":
            video_codec = ["-c:v", "libvpx", "-deadline", "realtime", "-b:v", "300k"]
            audio_codec = ["-c:a", "libvorbis"]
        _run(
            [
                "-f",
                "lavfi",
                "-i",
                f"testsrc2=size={size}:rate=25:duration={seconds}",
                "-f",
                "lavfi",
                "-i",
                f"sine=frequency=440:sample_rate=44100:duration={seconds}",
                "-vf",
                filters,
                *video_codec,
                "-af",
                "volume=0.2",
                *audio_codec,
                "-shortest",
                "-fflags",
                "+bitexact",
                str(path),
            ]
        )
    return path
