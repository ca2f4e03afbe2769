"""The one safe door for uploaded sound, video and captions.

Every app that accepts a recording, a show or a video calls
``validate_audio`` / ``validate_video`` before anything is stored: the size
first (cheap), then the first bytes (programs, documents), then ffprobe on
the file and a short decode. Messages are plain French for the person who
sent the file; nothing technical leaks to them.

ffprobe only ever reads demuxers from an allow-list: ffmpeg can also read
playlists, concat lists and dozens of exotic formats, some of which open
other files on the server, and a file's name proves nothing.
"""

import logging
import os
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from .captions import validate_webvtt
from .probing import (
    MediaToolMissing,
    Probe,
    ProbeError,
    decodes_cleanly,
    ffmpeg_binary,
    ffprobe_binary,
    measure_duration,
    probe,
    tools_available,
)

__all__ = [
    "MediaToolMissing",
    "Probe",
    "ProbeError",
    "decodes_cleanly",
    "ffmpeg_binary",
    "ffprobe_binary",
    "measure_duration",
    "probe",
    "tools_available",
    "validate_audio",
    "validate_video",
    "validate_webvtt",
]

logger = logging.getLogger(__name__)

AUDIO_EXTENSIONS = ("mp3", "m4a", "wav", "ogg", "flac", "opus", "webm")
VIDEO_EXTENSIONS = ("mp4", "mov", "webm", "mkv")
CAPTIONS_EXTENSIONS = ("vtt",)
ACCEPT_AUDIO = "audio/*," + ",".join(f".{ext}" for ext in AUDIO_EXTENSIONS)
ACCEPT_VIDEO = "video/*," + ",".join(f".{ext}" for ext in VIDEO_EXTENSIONS)
ACCEPT_CAPTIONS = "text/vtt,.vtt"

# ffprobe's names of the containers we read (first name of its format_name).
AUDIO_FORMATS = {"mp3", "mov", "wav", "ogg", "flac", "matroska", "aac"}
VIDEO_FORMATS = {"mov", "matroska"}
AUDIO_CODECS = {"mp3", "aac", "vorbis", "opus", "flac", "alac", "mp2"}
VIDEO_CODECS = {"h264", "hevc", "vp8", "vp9", "av1", "mpeg4", "prores", "mjpeg"}
IMAGE_CODECS = {"png", "mjpeg", "bmp", "gif", "webp", "tiff", "jpeg2000", "svg"}
# Containers whose stream bit rate is measured, not announced: a file much
# smaller than rate × duration was cut during the upload.
MEASURED_RATE_FORMATS = {"mp3", "mov"}

# First bytes of files that are certainly neither sound nor video.
PROGRAM_SIGNATURES = (
    b"\x7fELF",  # Linux programs
    b"MZ",  # Windows programs
    b"\xfe\xed\xfa\xce",  # macOS programs
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
    b"#!",  # scripts
)
DOCUMENT_SIGNATURES = (
    b"%PDF",
    b"PK\x03\x04",  # zip, office documents, apk
    b"<",  # HTML, XML, SVG, playlists written as XML
    b"#EXTM3U",
    b"\xd0\xcf\x11\xe0",  # old office documents
)
IMAGE_SIGNATURES = (
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"BM",
)

MIN_SECONDS = 0.5


def _limit_mb(name: str, default: int) -> int:
    return int(getattr(settings, name, default)) * 1024 * 1024


def max_audio_bytes() -> int:
    return _limit_mb("QUARTIERS_MAX_AUDIO_MB", 500)


def max_resident_audio_bytes() -> int:
    """Sounds sent from residents' pages (testimonies, proposals)."""
    return min(_limit_mb("QUARTIERS_MAX_RESIDENT_AUDIO_MB", 50), max_audio_bytes())


def max_video_bytes() -> int:
    return _limit_mb("QUARTIERS_MAX_VIDEO_MB", 2048)


def _setting(name: str, default):
    return getattr(settings, name, default)


# --- uploaded files --------------------------------------------------------


def _name_of(source) -> str:
    return os.path.basename(str(getattr(source, "name", source) or ""))


def _size_of(source) -> int:
    if isinstance(source, (str, os.PathLike)):
        return os.path.getsize(source)
    size = getattr(source, "size", None)
    if size is None:
        position = source.tell()
        source.seek(0, os.SEEK_END)
        size = source.tell()
        source.seek(position)
    return int(size)


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


@contextmanager
def local_path(source):
    """A path on disk for a path, a Django upload or any open file.

    Large uploads already sit in a temporary file; small ones (kept in
    memory by Django) are written to one so that ffprobe can seek.
    """
    if isinstance(source, (str, os.PathLike)):
        yield Path(source)
        return
    temporary_path = getattr(source, "temporary_file_path", None)
    if temporary_path is not None:
        yield Path(temporary_path())
        return
    suffix = "." + extension_of(_name_of(source)) if _name_of(source) else ""
    handle = tempfile.NamedTemporaryFile(suffix=suffix, delete=False)
    try:
        with handle:
            source.seek(0)
            for chunk in iter(lambda: source.read(1024 * 1024), b""):
                handle.write(chunk)
        source.seek(0)
        yield Path(handle.name)
    finally:
        os.unlink(handle.name)


def _head(path: Path, count: int = 16) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(count)


class Messages:
    """The refusals, whole sentences per kind so that they translate well."""

    def __init__(self, **messages):
        self.__dict__.update(messages)


AUDIO_MESSAGES = Messages(
    too_big=_lazy("Ce son est trop lourd (%(size)s). La limite est de %(limit)s."),
    extension=_lazy(
        "Ce type de fichier n'est pas accepté pour un son. Formats acceptés : %(list)s."
    ),
    program=_lazy("Ce fichier est un programme, pas un son. Il a été refusé."),
    image=_lazy("Ce fichier est une image, pas un son."),
    document=_lazy("Ce fichier est un document, pas un son."),
    unreadable=_lazy(
        "Ce son est illisible : il est peut-être abîmé ou incomplet. "
        "Essayez de l'enregistrer ou de l'exporter à nouveau."
    ),
    empty_duration=_lazy("Ce son dure 0 seconde : il semble vide."),
    too_long=_lazy("Ce son est trop long (%(length)s). La limite est de %(limit)s."),
)
VIDEO_MESSAGES = Messages(
    too_big=_lazy(
        "Cette vidéo est trop lourde (%(size)s). La limite est de %(limit)s."
    ),
    extension=_lazy(
        "Ce type de fichier n'est pas accepté pour une vidéo. "
        "Formats acceptés : %(list)s."
    ),
    program=_lazy("Ce fichier est un programme, pas une vidéo. Il a été refusé."),
    image=_lazy("Ce fichier est une image, pas une vidéo."),
    document=_lazy("Ce fichier est un document, pas une vidéo."),
    unreadable=_lazy(
        "Cette vidéo est illisible : elle est peut-être abîmée ou incomplète. "
        "Essayez de l'exporter à nouveau."
    ),
    empty_duration=_lazy("Cette vidéo dure 0 seconde : elle semble vide."),
    too_long=_lazy(
        "Cette vidéo est trop longue (%(length)s). La limite est de %(limit)s."
    ),
)


def _refuse_size(size: int, limit: int, messages: Messages) -> None:
    if size == 0:
        raise ValidationError(
            _("Ce fichier est vide (0 octet). Vérifiez-le et envoyez-le à nouveau."),
            code="empty",
        )
    if size > limit:
        raise ValidationError(
            messages.too_big
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_big",
        )


def _check_signature(head: bytes, messages: Messages) -> None:
    if head.startswith(PROGRAM_SIGNATURES):
        raise ValidationError(messages.program, code="program")
    if head.startswith(IMAGE_SIGNATURES):
        raise ValidationError(messages.image, code="image")
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(DOCUMENT_SIGNATURES):
        raise ValidationError(messages.document, code="document")


def _unreadable(messages: Messages) -> ValidationError:
    return ValidationError(messages.unreadable, code="unreadable")


def _tool_missing() -> ValidationError:
    logger.error("ffprobe/ffmpeg is missing: sound and video uploads are refused")
    return ValidationError(
        _(
            "Les sons et les vidéos ne peuvent pas être reçus pour le moment. "
            "Réessayez plus tard ou prévenez l'équipe d'animation."
        ),
        code="unavailable",
    )


def _looks_like_image(result: Probe) -> bool:
    if result.format_name.endswith("_pipe") or result.demuxer in ("image2", "gif"):
        return True
    return (
        not result.has_audio
        and result.has_video
        and result.video_codec in IMAGE_CODECS
        and (result.duration is None or result.duration < 0.1)
    )


def _check_truncated(result: Probe, size: int, messages: Messages) -> None:
    if (
        result.demuxer in MEASURED_RATE_FORMATS
        and result.bit_rate
        and result.duration
        and size < 0.9 * result.bit_rate * result.duration / 8
    ):
        raise _unreadable(messages)


def _check_duration(seconds: float | None, maximum: float, messages: Messages) -> None:
    if seconds is None or seconds < MIN_SECONDS:
        raise ValidationError(messages.empty_duration, code="empty_duration")
    if seconds > maximum:
        raise ValidationError(
            messages.too_long
            % {"length": format_duration(seconds), "limit": format_duration(maximum)},
            code="too_long",
        )


def format_duration(seconds: float | None) -> str:
    """ "1 h 05 min", "3 min 20 s", "12 s": durations as people say them."""
    if seconds is None:
        return ""
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return _("%(h)s h %(m)02d min") % {"h": hours, "m": minutes}
    if minutes:
        return _("%(m)s min %(s)02d s") % {"m": minutes, "s": secs}
    return _("%(s)s s") % {"s": secs}


def _check_extension(name: str, allowed: tuple[str, ...], message) -> None:
    if extension_of(name) not in allowed:
        raise ValidationError(
            message % {"list": ", ".join(ext.upper() for ext in allowed)},
            code="extension",
        )


def _is_accepted_audio_codec(codec: str) -> bool:
    return codec in AUDIO_CODECS or codec.startswith("pcm_")


def validate_audio(source, *, max_bytes: int | None = None) -> Probe:
    """Refuse, before anything is stored, what is not a sound we can publish.

    ``source`` is a path or an uploaded file; returns what ffprobe found.
    A video file is accepted as a sound when it has one: only its sound is
    kept. ``max_bytes`` lowers the size limit (residents' forms).
    """
    return _validate(source, _AUDIO_RULE, max_bytes or max_audio_bytes())


def validate_video(source) -> Probe:
    """Refuse, before anything is stored, what is not a video we can publish.

    A video without sound is accepted (it stays silent).
    """
    return _validate(source, _VIDEO_RULE, max_video_bytes())


@dataclass(frozen=True)
class _Rule:
    """What differs between a sound and a video; the steps are the same."""

    messages: Messages
    extensions: tuple[str, ...]
    formats: set[str]
    stream: str  # the stream whose length and decoding are checked
    max_seconds_setting: str
    max_seconds_default: int
    decode_seconds: int
    measure_timeout: float
    check_streams: Callable[[Probe], None]


def _check_audio_streams(result: Probe) -> None:
    if not result.has_audio:
        raise ValidationError(_("Ce fichier ne contient pas de son."), code="no_audio")
    if not _is_accepted_audio_codec(result.audio_codec):
        raise _unreadable(AUDIO_MESSAGES)


def _check_video_streams(result: Probe) -> None:
    if not result.has_video:
        raise ValidationError(
            _(
                "Ce fichier ne contient pas d'image : c'est peut-être "
                "un son. Envoyez-le comme un son."
            ),
            code="no_video",
        )
    _check_dimensions(result)
    if result.video_codec not in VIDEO_CODECS:
        raise _unreadable(VIDEO_MESSAGES)
    if result.has_audio and not _is_accepted_audio_codec(result.audio_codec):
        raise _unreadable(VIDEO_MESSAGES)


def _validate(source, rule: _Rule, max_bytes: int) -> Probe:
    """Size, name, first bytes, ffprobe, streams, completeness, length and a
    short decode, in that order: the cheap checks first."""
    messages = rule.messages
    _refuse_size(_size_of(source), max_bytes, messages)
    _check_extension(_name_of(source), rule.extensions, messages.extension)
    try:
        with local_path(source) as path:
            _check_signature(_head(path), messages)
            try:
                result = probe(path)
            except ProbeError:
                raise _unreadable(messages) from None
            if _looks_like_image(result):
                raise ValidationError(messages.image, code="image")
            if result.demuxer not in rule.formats:
                raise _unreadable(messages)
            rule.check_streams(result)
            _check_truncated(result, _size_of(path), messages)
            if result.duration is None:
                result = replace(
                    result,
                    duration=measure_duration(
                        path, stream=rule.stream, timeout=rule.measure_timeout
                    ),
                )
            _check_duration(
                result.duration,
                float(_setting(rule.max_seconds_setting, rule.max_seconds_default)),
                messages,
            )
            if not decodes_cleanly(
                path, stream=rule.stream, seconds=rule.decode_seconds
            ):
                raise _unreadable(messages)
    except MediaToolMissing:
        raise _tool_missing() from None
    _rewind(source)
    return result


_AUDIO_RULE = _Rule(
    messages=AUDIO_MESSAGES,
    extensions=AUDIO_EXTENSIONS,
    formats=AUDIO_FORMATS,
    stream="a:0",
    max_seconds_setting="QUARTIERS_MAX_AUDIO_SECONDS",
    max_seconds_default=4 * 3600,
    decode_seconds=20,
    measure_timeout=120,
    check_streams=_check_audio_streams,
)
_VIDEO_RULE = _Rule(
    messages=VIDEO_MESSAGES,
    extensions=VIDEO_EXTENSIONS,
    formats=VIDEO_FORMATS,
    stream="v:0",
    max_seconds_setting="QUARTIERS_MAX_VIDEO_SECONDS",
    max_seconds_default=3 * 3600,
    decode_seconds=2,
    measure_timeout=300,
    check_streams=_check_video_streams,
)


def _check_dimensions(result: Probe) -> None:
    max_side = int(_setting("QUARTIERS_MAX_VIDEO_SIDE", 4096))
    if not result.width or not result.height:
        raise _unreadable(VIDEO_MESSAGES)
    if result.width > max_side or result.height > max_side:
        raise ValidationError(
            _(
                "Cette vidéo est trop grande (%(w)s × %(h)s pixels). "
                "La limite est de %(max)s pixels de côté."
            )
            % {"w": result.width, "h": result.height, "max": max_side},
            code="too_large",
        )


def _rewind(source) -> None:
    if hasattr(source, "seek"):
        source.seek(0)
