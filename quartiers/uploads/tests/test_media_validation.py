"""Every broken, disguised or oversized sound and video is refused with a
plain French reason, before anything is stored."""

import shutil
import sys
from pathlib import Path

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from quartiers.uploads import media, media_services
from quartiers.uploads.forms import AudioFileField, CaptionsFileField, VideoFileField
from quartiers.uploads.models import MediaAsset
from tests.factories import png_bytes

from .conftest import ffmpeg, needs_ffmpeg

pytestmark = [pytest.mark.django_db, needs_ffmpeg]


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def refused_message(kind: str, file) -> str:
    check = media.validate_audio if kind == "audio" else media.validate_video
    with pytest.raises(ValidationError) as caught:
        check(file)
    return caught.value.messages[0]


@pytest.fixture(scope="module")
def broken(tmp_path_factory, corpus):
    folder = tmp_path_factory.mktemp("broken")
    audio = corpus["audio"].read_bytes()
    ffmpeg("-f", "lavfi", "-i", "sine=duration=0.01", str(folder / "zero.mp3"))
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "color=s=256x256:d=0.6",
        "-c:v",
        "ffv1",
        str(folder / "square.mkv"),
    )
    # Same file, with a header claiming 8000 × 9000 pixels.
    data = bytearray((folder / "square.mkv").read_bytes())
    for element_id, value in ((b"\xb0", 8000), (b"\xba", 9000)):
        at = data.find(element_id + b"\x82\x01\x00")
        assert at > 0
        data[at + 2 : at + 4] = value.to_bytes(2, "big")
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc2=s=64x48:d=1",
        "-f",
        "yuv4mpegpipe",
        str(folder / "raw.y4m"),
    )
    return {
        "header_only": audio[:300],
        "half": audio[: len(audio) // 2],
        "zero_seconds": (folder / "zero.mp3").read_bytes(),
        "huge": bytes(data),
        "y4m": (folder / "raw.y4m").read_bytes(),
    }


def program_bytes() -> bytes:
    return Path(shutil.which("true") or sys.executable).read_bytes()


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("vide.mp3", lambda b: b"", "vide (0 octet)"),
        ("coupe.mp3", lambda b: b["header_only"], "illisible"),
        ("moitie.mp3", lambda b: b["half"], "illisible"),
        ("programme.mp3", lambda b: program_bytes(), "programme, pas un son"),
        ("photo.mp3", lambda b: png_bytes(), "image, pas un son"),
        ("silence.mp3", lambda b: b["zero_seconds"], "dure 0 seconde"),
        (
            "liste.mp3",
            lambda b: b"#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n",
            "document",
        ),
        ("page.wav", lambda b: b"<html><body>bonjour</body></html>", "document"),
        ("son.exe", lambda b: b"ID3 whatever", "n'est pas accepté pour un son"),
    ],
)
def test_broken_sounds_are_refused_with_a_reason(broken, name, content, expected):
    assert expected in refused_message("audio", upload(name, content(broken)))


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("vide.mp4", lambda b, c: b"", "vide (0 octet)"),
        ("programme.mp4", lambda b, c: program_bytes(), "programme, pas une vidéo"),
        ("photo.mp4", lambda b, c: png_bytes(), "image, pas une vidéo"),
        ("son.mp4", lambda b, c: c["m4a"].read_bytes(), "ne contient pas d'image"),
        ("geante.mkv", lambda b, c: b["huge"], "trop grande (8000 × 9000 pixels)"),
        # A demuxer outside the allow-list, whatever the file is called.
        ("brut.mp4", lambda b, c: b["y4m"], "illisible"),
        ("coupee.mp4", lambda b, c: c["video"].read_bytes()[:4000], "illisible"),
        (
            "film.avi",
            lambda b, c: c["video"].read_bytes(),
            "pas accepté pour une vidéo",
        ),
    ],
)
def test_broken_videos_are_refused_with_a_reason(
    broken, corpus, name, content, expected
):
    assert expected in refused_message("video", upload(name, content(broken, corpus)))


def test_size_is_checked_before_the_file_is_read(settings):
    settings.QUARTIERS_MAX_AUDIO_MB = 1
    message = refused_message("audio", upload("long.mp3", b"\0" * (1024 * 1024 + 1)))
    assert message.startswith("Ce son est trop lourd")


def test_a_sound_longer_than_the_limit_is_refused(settings, corpus):
    settings.QUARTIERS_MAX_AUDIO_SECONDS = 5
    message = refused_message("audio", upload("long.mp3", corpus["audio"].read_bytes()))
    assert "trop long" in message


def test_good_files_pass_and_say_what_they_are(corpus):
    sound = media.validate_audio(upload("parole.mp3", corpus["audio"].read_bytes()))
    assert sound.has_audio and not sound.has_video
    assert sound.duration == pytest.approx(10, abs=0.2)
    assert media.validate_audio(str(corpus["m4a"])).demuxer == "mov"

    video = media.validate_video(upload("film.mp4", corpus["video"].read_bytes()))
    assert video.has_video and video.has_audio
    assert (video.width, video.height) == (426, 240)
    assert "h264" in video.codecs


def test_a_browser_recording_without_duration_is_measured(tmp_path):
    """Phones recording in the browser (MediaRecorder) write no duration."""
    recording = tmp_path / "enregistrement.webm"
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "sine=duration=3",
        "-c:a",
        "libopus",
        "-live",
        "1",
        "-f",
        "webm",
        str(recording),
    )
    assert media.probe(recording).duration is None
    result = media.validate_audio(upload(recording.name, recording.read_bytes()))
    assert result.duration == pytest.approx(3, abs=0.1)


def test_a_refused_file_creates_nothing(portal_a, animator_a, settings):
    with pytest.raises(ValidationError):
        media_services.media_asset_create(
            portal=portal_a,
            actor=animator_a,
            upload=upload("photo.mp3", png_bytes()),
            kind=MediaAsset.AUDIO,
        )
    assert not MediaAsset.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.*"))


class MediaForm(forms.Form):
    sound = AudioFileField(required=False)
    video = VideoFileField(required=False)
    captions = CaptionsFileField(required=False)


def test_form_fields_show_the_reason_and_keep_the_probe(corpus):
    form = MediaForm(
        data={},
        files={
            "sound": upload("parole.mp3", corpus["audio"].read_bytes()),
            "video": upload("photo.mp4", png_bytes()),
            "captions": upload("sous-titres.vtt", b"Bonjour\n"),
        },
    )
    assert not form.is_valid()
    assert form.errors["video"] == ["Ce fichier est une image, pas une vidéo."]
    assert "WEBVTT" in form.errors["captions"][0]
    assert "sound" not in form.errors
    assert form.cleaned_data["sound"].media_probe.duration == pytest.approx(10, abs=0.2)
    assert 'accept="audio/*' in str(form["sound"])


VALID_VTT = (
    "WEBVTT\n\n1\n00:00:00.500 --> 00:00:02.000\nBonjour à toutes et à tous.\n\n"
    "00:02.000 --> 00:04.000 align:start\nBienvenue au marché.\n"
)


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"", "vide"),
        (b"1\n00:00:01.000 --> 00:00:02.000\nBonjour\n", "commencer par « WEBVTT »"),
        (b"WEBVTTX\n\n00:00:01.000 --> 00:00:02.000\nBonjour\n", "WEBVTT"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nÉté\n".encode("latin-1"), "UTF-8"),
        (b"WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nBonjour\n", "Ligne 3"),
        (b"WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nBonjour\n", "avant son début"),
        (b"WEBVTT\n\nRien ici.\n", "aucun sous-titre"),
        (b"WEBVTT\n" + b"a" * (600 * 1024), "trop lourd"),
    ],
)
def test_bad_captions_are_refused(content, expected):
    with pytest.raises(ValidationError) as caught:
        media.validate_webvtt(upload("sous-titres.vtt", content))
    assert expected in caught.value.messages[0]


def test_good_captions_pass():
    file = upload("sous-titres.vtt", ("\ufeff" + VALID_VTT).encode("utf-8"))
    assert media.validate_webvtt(file) is file
    assert file.read().startswith(b"\xef\xbb\xbfWEBVTT")
