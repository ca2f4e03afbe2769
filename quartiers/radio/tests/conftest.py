import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from quartiers.radio import selectors, services
from quartiers.radio.models import EpisodePage, ShowPage
from quartiers.uploads.models import MediaAsset

RADIO_URLS = "quartiers.radio.tests.urls"


def ffmpeg(*args: str) -> None:
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-y", *args],
        check=True,
        timeout=60,
    )


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("radio-media")


@pytest.fixture(scope="session")
def tiny_mp3(media_dir) -> bytes:
    """A real two-second MP3 (a 440 Hz tone), made with ffmpeg."""
    if not shutil.which("ffmpeg"):
        pytest.skip("ffmpeg n'est pas installé sur cette machine")
    path = media_dir / "tiny.mp3"
    ffmpeg(
        "-f", "lavfi", "-i", "sine=frequency=440:duration=2",
        "-c:a", "libmp3lame", "-b:a", "64k", str(path),
    )  # fmt: skip
    return path.read_bytes()


@pytest.fixture
def make_asset(tiny_mp3):
    """A sound asset, READY by default, whose MP3 is the tiny tone."""

    def make(portal, *, status=MediaAsset.READY, duration=125.0, files=True):
        asset = MediaAsset(
            portal=portal,
            kind=MediaAsset.AUDIO,
            title="Son de test",
            status=status,
            duration=duration,
            original_name="enregistrement.mp3",
        )
        asset.save()
        if files:
            asset.original.save("original.mp3", ContentFile(tiny_mp3), save=False)
            if status == MediaAsset.READY:
                asset.audio_file.save("audio.mp3", ContentFile(tiny_mp3), save=False)
                asset.audio_size = len(tiny_mp3)
            asset.save()
        return asset

    return make


@pytest.fixture
def make_show():
    def make(portal, title="Les Voix du quartier", *, publish=True, **fields):
        radio = selectors.radio_of(portal)
        show = ShowPage(
            title=title,
            slug=services.unique_slug(radio, title, fallback="emission"),
            **fields,
        )
        radio.add_child(instance=show)
        revision = show.save_revision()
        if publish:
            revision.publish()
        show.refresh_from_db()
        return show

    return make


@pytest.fixture
def make_episode(make_asset):
    """An episode of a show, published unless told otherwise."""

    def make(
        show,
        title="Le marché du samedi",
        *,
        asset=None,
        publish=True,
        days_ago=0,
        chapters=(),
        **fields,
    ):
        from quartiers.radio.models import EpisodeChapter

        page = EpisodePage(
            title=title,
            slug=services.unique_slug(show, title, fallback="episode"),
            audio=asset if asset is not None else make_asset(show.portal),
            live=False,
            **fields,
        )
        for order, (start, chapter_title) in enumerate(chapters):
            page.chapters.add(
                EpisodeChapter(start=start, title=chapter_title, sort_order=order)
            )
        show.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
            when = timezone.now() - timedelta(days=days_ago)
            EpisodePage.objects.filter(pk=page.pk).update(first_published_at=when)
        page.refresh_from_db()
        return page

    return make


def bulk_episodes(show, count: int, *, asset, start: int = 0):
    """Insert many live episodes fast (tree paths computed, no per-page signals).

    Only for building large datasets in tests.
    """
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from wagtail.models import Page

    content_type = ContentType.objects.get_for_model(EpisodePage)
    now = timezone.now()
    show.refresh_from_db()
    first_index = show.numchild + 1
    pages = []
    for offset in range(count):
        number = start + offset
        slug = f"episode-genere-{number}"
        pages.append(
            Page(
                title=f"Épisode généré {number}",
                draft_title=f"Épisode généré {number}",
                slug=slug,
                content_type=content_type,
                path=Page._get_path(show.path, show.depth + 1, first_index + offset),
                depth=show.depth + 1,
                numchild=0,
                url_path=f"{show.url_path}{slug}/",
                live=True,
                first_published_at=now - timedelta(days=1, minutes=number),
                last_published_at=now - timedelta(days=1, minutes=number),
                locale_id=show.locale_id,
            )
        )
    created = Page.objects.bulk_create(pages, batch_size=500)
    table = connection.ops.quote_name(EpisodePage._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (page_ptr_id, portal_id, show_id, audio_id, description, "
            "transcript, season_number, episode_number, explicit, guid, contributor_id, "
            "broadcast_consent_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [
                (
                    page.pk,
                    show.portal_id,
                    show.pk,
                    asset.pk,
                    "<p>Un épisode de plus.</p>",
                    "",
                    None,
                    None,
                    False,
                    uuid.uuid4().hex,
                    None,
                    None,
                )
                for page in created
            ],
        )
    Page.objects.filter(pk=show.pk).update(numchild=show.numchild + count)
    return created


def tiny_png() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (40, 30), "#1d4ed8").save(buffer, format="PNG")
    return buffer.getvalue()
