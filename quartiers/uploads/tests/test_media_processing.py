"""Conversion of sound and video: the published files exist, are clean
(no source metadata), normalised, streamable; re-running never duplicates
files; failures are bounded and explained in French."""

import os
import re
import subprocess
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.http import Http404
from django.utils import timezone

from quartiers.uploads import media, media_services, processing, tools
from quartiers.uploads.models import MediaAsset

from .conftest import needs_ffmpeg, tags_of

pytestmark = [pytest.mark.django_db, needs_ffmpeg]


def create(portal, actor, path: Path, kind: str, title: str, capture):
    with capture(execute=True):
        asset = media_services.media_asset_create(
            portal=portal,
            actor=actor,
            upload=SimpleUploadedFile(path.name, path.read_bytes()),
            kind=kind,
            title=title,
        )
    asset.refresh_from_db()
    return asset


def file_set(asset) -> list[str]:
    folder = Path(asset.original.path).parent
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def loudness(path) -> float:
    log = subprocess.run(
        [
            tools.binary("ffmpeg"),
            "-nostdin",
            "-hide_banner",
            "-i",
            str(path),
            "-af",
            "ebur128",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        check=True,
        text=True,
    ).stderr
    return float(re.findall(r"I:\s+(-?[\d.]+) LUFS", log)[-1])


def top_level_atoms(path) -> list[str]:
    atoms = []
    with open(path, "rb") as handle:
        while header := handle.read(8):
            size = int.from_bytes(header[:4], "big")
            atoms.append(header[4:8].decode("latin-1"))
            if size == 1:
                size = int.from_bytes(handle.read(8), "big") - 8
            handle.seek(size - 8, os.SEEK_CUR)
    return atoms


def test_a_sound_becomes_a_normalised_tagged_mp3(
    portal_a, animator_a, corpus, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    asset = create(
        portal_a,
        animator_a,
        corpus["audio"],
        MediaAsset.AUDIO,
        "Le marché du samedi",
        django_capture_on_commit_callbacks,
    )
    elapsed = time.monotonic() - started
    print(f"\n10 s sound: received and converted in {elapsed:.2f} s")

    assert asset.status == MediaAsset.READY, asset.failure_reason
    assert (asset.progress, asset.attempts, asset.failure_reason) == (100, 1, "")
    assert asset.duration == pytest.approx(10, abs=0.3)
    assert asset.created_by == animator_a
    assert asset.original_size == corpus["audio"].stat().st_size
    assert len(asset.checksum) == 64
    # The original is kept, under a name that the public uid does not give.
    assert Path(asset.original.path).read_bytes() == corpus["audio"].read_bytes()
    assert re.fullmatch(r"original-[\w-]{16}\.mp3", Path(asset.original.name).name)

    mp3 = Path(asset.audio_file.path)
    assert asset.audio_file.name == f"medias/{portal_a.pk}/{asset.uid}/audio.mp3"
    assert asset.audio_size == mp3.stat().st_size
    assert loudness(mp3) == pytest.approx(-16, abs=1.5)
    tags = tags_of(mp3)
    assert tags.get("title") == "Le marché du samedi"
    assert tags.get("artist") == portal_a.name
    assert not any(
        "secret" in str(v).lower() or "voisin" in str(v) or "Lilas" in str(v)
        for v in tags.values()
    )
    assert file_set(asset) == sorted(["audio.mp3", Path(asset.original.name).name])
    assert elapsed < 10


def test_a_video_becomes_two_mp4_a_poster_and_hls(
    portal_a, animator_a, corpus, django_capture_on_commit_callbacks
):
    started = time.monotonic()
    asset = create(
        portal_a,
        animator_a,
        corpus["video"],
        MediaAsset.VIDEO,
        "La fête des voisins",
        django_capture_on_commit_callbacks,
    )
    elapsed = time.monotonic() - started
    print(f"\n5 s video: received and converted in {elapsed:.2f} s")

    assert asset.status == MediaAsset.READY, asset.failure_reason
    assert asset.duration == pytest.approx(5, abs=0.3)
    # A small source is not enlarged.
    assert (asset.width, asset.height) == (426, 240)
    for field in (asset.video_720, asset.video_360):
        path = Path(field.path)
        atoms = top_level_atoms(path)
        assert atoms.index("moov") < atoms.index("mdat"), "not +faststart"
        tags = tags_of(path)
        assert "location" not in tags and "comment" not in tags
        assert not any("secret" in str(v).lower() for v in tags.values())
    assert asset.video_720_size == Path(asset.video_720.path).stat().st_size
    probe = media.probe(asset.video_360.path)
    assert probe.height == 240 and "h264" in probe.codecs and "aac" in probe.codecs
    assert Path(asset.poster.path).read_bytes()[:3] == b"\xff\xd8\xff"

    master = Path(asset.original.storage.path(asset.hls_playlist)).read_text()
    assert master.startswith("#EXTM3U")
    assert "720/index.m3u8" in master and "360/index.m3u8" in master
    assert "RESOLUTION=426x240" in master
    files = file_set(asset)
    for variant in ("720", "360"):
        assert f"hls/{variant}/index.m3u8" in files
        assert f"hls/{variant}/seg_000.ts" in files
    assert not [name for name in files if ".work" in name]
    assert elapsed < 15


def test_running_again_after_a_killed_worker_replaces_files_without_duplicates(
    portal_a, animator_a, corpus, django_capture_on_commit_callbacks
):
    asset = create(
        portal_a,
        animator_a,
        corpus["video"],
        MediaAsset.VIDEO,
        "Film",
        django_capture_on_commit_callbacks,
    )
    before = file_set(asset)
    # The worker was killed mid-way: status left "processing", a work
    # folder left behind, nothing heard from it for a long time.
    leftover = Path(asset.original.path).parent / ".work-abandoned"
    leftover.mkdir()
    (leftover / "720.mp4").write_bytes(b"half written")
    MediaAsset.objects.filter(pk=asset.pk).update(
        status=MediaAsset.PROCESSING,
        progress=40,
        updated_at=timezone.now() - timedelta(hours=1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        media_services.media_asset_retry(
            portal=portal_a, actor=animator_a, asset_id=asset.pk
        )
    asset.refresh_from_db()
    assert asset.status == MediaAsset.READY
    assert asset.attempts == 2
    assert file_set(asset) == before


def test_a_task_enqueued_twice_converts_once(
    portal_a, animator_a, corpus, django_capture_on_commit_callbacks
):
    asset = create(
        portal_a,
        animator_a,
        corpus["audio"],
        MediaAsset.AUDIO,
        "Une fois",
        django_capture_on_commit_callbacks,
    )
    assert processing.process(asset.pk) == "skipped"
    asset.refresh_from_db()
    assert asset.attempts == 1
    assert processing.process(123456789) == "skipped"  # deleted: quietly skipped


def test_an_asset_still_being_converted_is_not_taken_twice(
    portal_a, animator_a, corpus
):
    asset = media_services.media_asset_from_file(
        portal=portal_a, path=corpus["m4a"], kind=MediaAsset.AUDIO, process_now=False
    )
    MediaAsset.objects.filter(pk=asset.pk).update(status=MediaAsset.PROCESSING)
    assert processing.process(asset.pk) == "skipped"
    with pytest.raises(ValidationError):
        media_services.media_asset_retry(
            portal=portal_a, actor=animator_a, asset_id=asset.pk
        )


def fake_ffmpeg(settings, folder: Path, script: str) -> None:
    path = folder / "ffmpeg"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)
    settings.QUARTIERS_FFMPEG_BINARY = str(path)


def create_then_convert_with(
    script, settings, tmp_path, capture, portal, actor, source
):
    """Receive a file with the real ffmpeg, convert it with a fake one."""
    with capture() as callbacks:
        asset = media_services.media_asset_create(
            portal=portal,
            actor=actor,
            upload=SimpleUploadedFile(source.name, source.read_bytes()),
            kind=MediaAsset.AUDIO,
        )
    fake_ffmpeg(settings, tmp_path, script)
    for callback in callbacks:
        callback()
    asset.refresh_from_db()
    return asset


def test_retries_are_bounded_then_the_asset_fails_with_a_reason(
    portal_a, animator_a, corpus, settings, tmp_path, django_capture_on_commit_callbacks
):
    # Killed mid-way, as the kernel does when memory runs out.
    asset = create_then_convert_with(
        "kill -9 $$\n",
        settings,
        tmp_path,
        django_capture_on_commit_callbacks,
        portal_a,
        animator_a,
        corpus["audio"],
    )
    # The test backend runs the re-enqueued task at once: three attempts.
    assert asset.status == MediaAsset.FAILED
    assert asset.attempts == 3
    assert asset.failure_reason.startswith("La conversion a été interrompue.")
    assert "3 fois" in asset.failure_reason
    assert "Traceback" not in asset.failure_reason
    assert not asset.audio_file
    assert file_set(asset) == [Path(asset.original.name).name]

    with pytest.raises(ValidationError) as caught:
        media_services.media_asset_retry(
            portal=portal_a, actor=animator_a, asset_id=asset.pk
        )
    assert "3 fois" in caught.value.messages[0]


def test_a_broken_file_fails_at_once_and_an_animator_may_retry(
    portal_a, animator_a, corpus, settings, tmp_path, django_capture_on_commit_callbacks
):
    asset = create_then_convert_with(
        "echo 'Invalid data found' >&2\nexit 1\n",
        settings,
        tmp_path,
        django_capture_on_commit_callbacks,
        portal_a,
        animator_a,
        corpus["m4a"],
    )
    assert (asset.status, asset.attempts) == (MediaAsset.FAILED, 1)
    assert "abîmé" in asset.failure_reason
    assert "Invalid data" not in asset.failure_reason

    del settings.QUARTIERS_FFMPEG_BINARY
    with django_capture_on_commit_callbacks(execute=True):
        media_services.media_asset_retry(
            portal=portal_a, actor=animator_a, asset_id=asset.pk
        )
    asset.refresh_from_db()
    assert (asset.status, asset.attempts, asset.failure_reason) == (
        MediaAsset.READY,
        2,
        "",
    )


def test_only_animators_of_the_portal_may_retry(
    portal_a, animator_b, resident_a, corpus
):
    asset = media_services.media_asset_from_file(
        portal=portal_a, path=corpus["m4a"], kind=MediaAsset.AUDIO, process_now=False
    )
    MediaAsset.objects.filter(pk=asset.pk).update(status=MediaAsset.FAILED)
    with pytest.raises(PermissionDenied):
        media_services.media_asset_retry(
            portal=portal_a, actor=resident_a, asset_id=asset.pk
        )
    with pytest.raises(PermissionDenied):
        media_services.media_asset_retry(
            portal=portal_a, actor=animator_b, asset_id=asset.pk
        )


def test_an_asset_of_another_portal_is_missing(portal_a, portal_b, animator_b, corpus):
    asset = media_services.media_asset_from_file(
        portal=portal_a, path=corpus["m4a"], kind=MediaAsset.AUDIO, process_now=False
    )
    with pytest.raises(Http404):
        media_services.media_asset_retry(
            portal=portal_b, actor=animator_b, asset_id=asset.pk
        )


def test_only_members_may_send_a_file(portal_a, resident_b, corpus):
    with pytest.raises(PermissionDenied):
        media_services.media_asset_create(
            portal=portal_a,
            actor=resident_b,
            upload=SimpleUploadedFile("son.m4a", corpus["m4a"].read_bytes()),
            kind=MediaAsset.AUDIO,
        )
    assert not MediaAsset.objects.exists()


def test_progress_follows_ffmpeg(corpus, tmp_path):
    seen = []
    processing.run_ffmpeg(
        ["-i", str(corpus["audio"]), "-f", "null", "-"],
        duration=10,
        on_progress=seen.append,
    )
    assert seen and seen == sorted(seen)
    assert seen[-1] == pytest.approx(1, abs=0.05)


def test_demo_files_are_converted_once_and_copied_to_other_portals(
    portal_a, portal_b, corpus
):
    first = media_services.media_asset_from_file(
        portal=portal_a, path=corpus["audio"], kind=MediaAsset.AUDIO, title="Épisode 1"
    )
    second = media_services.media_asset_from_file(
        portal=portal_b, path=corpus["audio"], kind=MediaAsset.AUDIO, title="Épisode 1"
    )
    assert first.status == second.status == MediaAsset.READY
    assert second.audio_file.name.startswith(f"medias/{portal_b.pk}/{second.uid}/")
    assert tags_of(second.audio_file.path)["artist"] == portal_b.name
    assert second.duration == first.duration

    video_a = media_services.media_asset_from_file(
        portal=portal_a, path=corpus["video"], kind=MediaAsset.VIDEO, title="Film"
    )
    video_b = media_services.media_asset_from_file(
        portal=portal_b, path=corpus["video"], kind=MediaAsset.VIDEO, title="Film"
    )
    assert file_set(video_a) != [] and [
        n for n in file_set(video_b) if not n.startswith("original")
    ] == [n for n in file_set(video_a) if not n.startswith("original")]
    assert video_b.hls_url.endswith(f"/medias/{video_b.uid}/hls/master.m3u8")


def test_deleting_an_asset_removes_its_files(
    portal_a, animator_a, corpus, django_capture_on_commit_callbacks
):
    asset = media_services.media_asset_from_file(
        portal=portal_a, path=corpus["audio"], kind=MediaAsset.AUDIO
    )
    folder = Path(asset.original.path).parent
    assert folder.exists()
    with django_capture_on_commit_callbacks(execute=True):
        media_services.media_asset_delete(
            portal=portal_a, actor=animator_a, asset_id=asset.pk
        )
    assert not folder.exists()
    assert not MediaAsset.objects.filter(pk=asset.pk).exists()


def test_stuck_assets_are_put_back_in_the_queue(
    portal_a, corpus, django_capture_on_commit_callbacks
):
    stuck = media_services.media_asset_from_file(
        portal=portal_a, path=corpus["m4a"], kind=MediaAsset.AUDIO, process_now=False
    )
    worn_out = media_services.media_asset_from_file(
        portal=portal_a, path=corpus["m4a"], kind=MediaAsset.AUDIO, process_now=False
    )
    waiting = media_services.media_asset_from_file(
        portal=portal_a, path=corpus["m4a"], kind=MediaAsset.AUDIO, process_now=False
    )
    long_ago = timezone.now() - timedelta(hours=2)
    MediaAsset.objects.filter(pk=stuck.pk).update(
        status=MediaAsset.PROCESSING, attempts=1, updated_at=long_ago
    )
    MediaAsset.objects.filter(pk=worn_out.pk).update(
        status=MediaAsset.PROCESSING, attempts=3, updated_at=long_ago
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("media_requeue_stale", stdout=StringIO())
    stuck.refresh_from_db()
    worn_out.refresh_from_db()
    waiting.refresh_from_db()
    assert (stuck.status, stuck.attempts) == (MediaAsset.READY, 2)
    assert worn_out.status == MediaAsset.FAILED and "3 fois" in worn_out.failure_reason
    assert waiting.status == MediaAsset.PENDING  # recent: its worker may be busy
