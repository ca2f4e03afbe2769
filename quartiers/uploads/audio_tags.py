"""A resident's sound kept without what its tags tell about them.

Phones and recorders write the owner's name, a phone number, the place
(GPS) and a cover picture into a sound file's tags. A sound attached to a
proposal is kept with its own sound only: the audio stream is copied as it
is (no quality lost, quick even for an hour) into a fresh file of the same
kind, with no tag, chapter or picture.
"""

import os
import tempfile
import uuid
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from . import media
from .probing import _run_quiet

# ffprobe's container -> (ffmpeg muxer, extension) of the cleaned file.
MUXERS = {
    "mp3": ("mp3", "mp3"),
    "mov": ("ipod", "m4a"),
    "wav": ("wav", "wav"),
    "ogg": ("ogg", "ogg"),
    "flac": ("flac", "flac"),
    "aac": ("adts", "aac"),
    "matroska": ("webm", "webm"),
}
WEBM_CODECS = {"opus", "vorbis"}


def _target(probe: media.Probe) -> tuple[str, str]:
    muxer, extension = MUXERS.get(probe.demuxer, ("matroska", "mka"))
    if muxer == "webm" and probe.audio_codec not in WEBM_CODECS:
        return "matroska", "mka"
    if muxer == "ipod" and probe.audio_codec not in ("aac", "alac"):
        return "mp4", "m4a"
    return muxer, extension


def strip_tags(uploaded, *, probe: media.Probe | None = None) -> ContentFile:
    """The sound of ``uploaded`` in a new file with no metadata.

    ``uploaded`` has been checked by ``media.validate_audio`` (its probe may
    be given); the result has a random name that tells nothing either.
    """
    if probe is None:
        probe = getattr(uploaded, "media_probe", None) or media.validate_audio(uploaded)
    muxer, extension = _target(probe)
    handle, output = tempfile.mkstemp(suffix=f".{extension}")
    os.close(handle)
    try:
        with media.local_path(uploaded) as source:
            completed = _run_quiet(
                [
                    "-i",
                    str(source),
                    "-map",
                    "0:a:0",
                    "-map_metadata",
                    "-1",
                    "-map_metadata:s:a",
                    "-1",
                    "-map_chapters",
                    "-1",
                    "-c:a",
                    "copy",
                    "-fflags",
                    "+bitexact",
                    "-flags:a",
                    "+bitexact",
                    *(
                        ["-write_xing", "0", "-id3v2_version", "0"]
                        if muxer == "mp3"
                        else []
                    ),
                    "-f",
                    muxer,
                    "-y",
                    output,
                ],
                timeout=300,
            )
        if (
            completed is None
            or completed.returncode != 0
            or not os.path.getsize(output)
        ):
            raise ValidationError(media.AUDIO_MESSAGES.unreadable, code="unreadable")
        content = Path(output).read_bytes()
    except media.MediaToolMissing:
        raise media._tool_missing() from None
    finally:
        os.unlink(output)
    media._rewind(uploaded)
    return ContentFile(content, name=f"{uuid.uuid4().hex}.{extension}")
