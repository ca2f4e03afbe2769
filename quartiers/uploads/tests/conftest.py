"""Sounds and videos made once per test session with ffmpeg (never stored
in the repository), and a private media folder for each test."""

import shutil
import subprocess

import pytest

from quartiers.uploads import demo_media, probing, tools

needs_ffmpeg = pytest.mark.skipif(
    not (
        shutil.which(tools.binary("ffmpeg")) and shutil.which(tools.binary("ffprobe"))
    ),
    reason="ffmpeg/ffprobe are not installed",
)


def ffmpeg(*args: str) -> None:
    subprocess.run(
        [
            tools.binary("ffmpeg"),
            "-nostdin",
            "-hide_banner",
            "-v",
            "error",
            "-y",
            *args,
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )


def tags_of(path) -> dict:
    """Every tag ffprobe reads in a file: the container's and its streams'."""
    data = probing.probe_data(path)
    tags = dict(data["format"].get("tags") or {})
    for stream in data["streams"]:
        tags.update(stream.get("tags") or {})
    return tags


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """Valid sources, with metadata that must never reach published files."""
    if not demo_media.ffmpeg_available():
        pytest.skip("ffmpeg/ffprobe are not installed")
    folder = tmp_path_factory.mktemp("corpus")
    speech = demo_media.generate_audio(
        folder / "plain.wav",
        seconds=10,
        text="Bonjour, vous écoutez la radio du quartier. Aujourd'hui, le marché.",
    )
    ffmpeg(
        "-i",
        str(speech),
        "-c:a",
        "libmp3lame",
        "-b:a",
        "128k",
        "-metadata",
        "title=Titre secret de la source",
        "-metadata",
        "artist=Nom du voisin",
        "-metadata",
        "comment=Enregistré rue des Lilas",
        str(folder / "parole.mp3"),
    )
    video = demo_media.generate_video(
        folder / "plain.mp4", seconds=5, label="Quartier Alpha"
    )
    ffmpeg(
        "-i",
        str(video),
        "-c",
        "copy",
        "-metadata",
        "title=Titre secret de la source",
        "-metadata",
        "location=+48.8566+002.3522/",
        "-metadata",
        "comment=Filmé chez moi",
        str(folder / "film.mp4"),
    )
    ffmpeg(
        "-f", "lavfi", "-i", "sine=frequency=440:duration=3", str(folder / "son.m4a")
    )
    return {
        "audio": folder / "parole.mp3",
        "video": folder / "film.mp4",
        "m4a": folder / "son.m4a",
        "folder": folder,
    }
