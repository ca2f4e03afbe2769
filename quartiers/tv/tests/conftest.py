import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from quartiers.tv import selectors, services
from quartiers.tv.models import Programme, VideoPage
from quartiers.uploads.models import MediaAsset

WEBVTT = "WEBVTT\n\n1\n00:00.000 --> 00:01.000\nBonjour le quartier !\n"


def _ffmpeg(*args: str) -> None:
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", *args],
        check=True,
        timeout=60,
    )


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("tv-media")


@pytest.fixture(scope="session")
def tiny_mp4(media_dir) -> bytes:
    """A real one-second H.264/AAC MP4 (320×180), made with ffmpeg."""
    if not shutil.which("ffmpeg"):
        pytest.skip("ffmpeg n'est pas installé sur cette machine")
    path = media_dir / "tiny.mp4"
    _ffmpeg(
        "-f", "lavfi", "-i", "testsrc=size=320x180:rate=10:duration=1",
        "-f", "lavfi", "-i", "sine=frequency=440:duration=1",
        "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest",
        "-movflags", "+faststart", str(path),
    )  # fmt: skip
    return path.read_bytes()


@pytest.fixture(scope="session")
def sound_only_mp4(media_dir) -> bytes:
    """An MP4 holding a sound and no picture at all."""
    if not shutil.which("ffmpeg"):
        pytest.skip("ffmpeg n'est pas installé sur cette machine")
    path = media_dir / "sound-only.mp4"
    _ffmpeg(
        "-f", "lavfi", "-i", "sine=frequency=440:duration=2",
        "-c:a", "aac", str(path),
    )  # fmt: skip
    return path.read_bytes()


@pytest.fixture
def make_asset(tiny_mp4):
    """A video asset, READY by default, whose files are the tiny MP4."""

    def make(portal, *, status=MediaAsset.READY, duration=125.0, files=True):
        asset = MediaAsset(
            portal=portal,
            kind=MediaAsset.VIDEO,
            title="Vidéo de test",
            status=status,
            duration=duration,
            width=1280,
            height=720,
            original_name="tournage.mp4",
            hls_playlist="hls/master.m3u8" if files else "",
        )
        asset.save()
        if files:
            asset.original.save("original.mp4", ContentFile(tiny_mp4), save=False)
            asset.video_720.save("720.mp4", ContentFile(tiny_mp4), save=False)
            asset.video_360.save("360.mp4", ContentFile(tiny_mp4), save=False)
            asset.poster.save("poster.jpg", ContentFile(b"\xff\xd8\xff"), save=False)
            asset.video_720_size = asset.video_360_size = len(tiny_mp4)
            asset.save()
        return asset

    return make


@pytest.fixture
def make_programme():
    def make(portal, title="Portraits du quartier", order=0):
        return services.programme_create(
            portal=portal, actor=None, title=title, order=order
        )

    return make


@pytest.fixture
def make_video(make_asset):
    """A video page of the portal's TV, published unless told otherwise."""

    def make(
        portal,
        title="La fête des voisins",
        *,
        programme: Programme | None = None,
        asset=None,
        publish=True,
        days_ago=0,
        **fields,
    ) -> VideoPage:
        tv = selectors.tv_of(portal)
        page = VideoPage(
            title=title,
            video=asset if asset is not None else make_asset(portal),
            programme=programme,
            live=False,
            **fields,
        )
        tv.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
            when = timezone.now() - timedelta(days=days_ago)
            VideoPage.objects.filter(pk=page.pk).update(first_published_at=when)
        page.refresh_from_db()
        return page

    return make


def bulk_videos(tv, count: int, *, asset, programme=None, start: int = 0):
    """Insert many live videos fast (tree paths computed, no per-page signals)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from wagtail.models import Page

    content_type = ContentType.objects.get_for_model(VideoPage)
    now = timezone.now()
    tv.refresh_from_db()
    first_index = tv.numchild + 1
    pages = []
    for offset in range(count):
        number = start + offset
        slug = f"video-generee-{number}"
        pages.append(
            Page(
                title=f"Vidéo générée {number}",
                draft_title=f"Vidéo générée {number}",
                slug=slug,
                content_type=content_type,
                path=Page._get_path(tv.path, tv.depth + 1, first_index + offset),
                depth=tv.depth + 1,
                numchild=0,
                url_path=f"{tv.url_path}{slug}/",
                live=True,
                first_published_at=now - timedelta(days=1, minutes=number),
                last_published_at=now - timedelta(days=1, minutes=number),
                locale_id=tv.locale_id,
            )
        )
    created = Page.objects.bulk_create(pages, batch_size=500)
    table = connection.ops.quote_name(VideoPage._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (page_ptr_id, portal_id, programme_id, video_id, "
            "description, credits, captions_id, captions_language, poster_id) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [
                (
                    page.pk,
                    asset.portal_id,
                    programme.pk if programme else None,
                    asset.pk,
                    "<p>Une vidéo du quartier.</p>",
                    "Images : l'atelier",
                    None,
                    "fr",
                    None,
                )
                for page in created
            ],
        )
    Page.objects.filter(pk=tv.pk).update(numchild=tv.numchild + count)
    return created


@pytest.fixture
def captions_document(portal_a):
    from wagtail.documents import get_document_model

    def make(portal=None, content=WEBVTT, name="sous-titres.vtt"):
        portal = portal or portal_a
        document = get_document_model()(
            title="Sous-titres", collection=portal.collection
        )
        document.file.save(name, ContentFile(content.encode()), save=False)
        document.save()
        return document

    return make
