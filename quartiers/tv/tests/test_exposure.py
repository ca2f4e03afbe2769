"""The "video" content kind (feeds, API, widgets), search, and the demo."""

import shutil

import pytest

from quartiers.portals.features import registry
from quartiers.tv import demo, selectors
from quartiers.tv.models import Programme, VideoPage
from quartiers.uploads.models import MediaAsset

from .conftest import bulk_videos

pytestmark = pytest.mark.django_db


def test_video_kind_exposes_ready_published_videos_of_the_portal(
    portal_a, portal_b, make_video, make_programme
):
    kind = registry.content_kind("video")
    assert kind.model == "tv.VideoPage" and kind.section_key == "tv"
    programme = make_programme(portal_a, "Portraits")
    ready = make_video(
        portal_a,
        "La fresque",
        programme=programme,
        description="<p>Trois samedis de <b>peinture</b>.</p>",
    )
    pending = make_video(portal_a, "En préparation")
    MediaAsset.objects.filter(pk=pending.video_id).update(status=MediaAsset.FAILED)
    make_video(portal_a, "Brouillon", publish=False)
    other = make_video(portal_b, "Chez Bêta")
    assert [v.pk for v in kind.published(portal_a)] == [ready.pk]
    assert {v.pk for v in kind.published(None)} == {ready.pk, other.pk}

    item = kind.to_item(kind.published(portal_a).get())
    asset = ready.video
    assert item.kind == "video" and item.portal == portal_a
    assert item.url == f"/alpha/tv/{ready.slug}/"
    assert item.summary == "Trois samedis de peinture."
    assert item.category == "Portraits"
    assert item.extra["duration"] == 125
    assert item.extra["media_url"] == asset.video_720_url
    assert item.extra["media_url"].startswith("/")
    assert item.extra["media_type"] == "video/mp4"
    assert item.extra["poster"] == asset.poster_url


def test_video_kind_hides_a_switched_off_tv(portal_a, make_video):
    make_video(portal_a, "La fresque")
    portal_a.enabled_sections = [k for k in portal_a.enabled_sections if k != "tv"]
    portal_a.save()
    kind = registry.content_kind("video")
    assert not kind.published(portal_a).exists()
    assert not kind.published(None).exists()


def test_video_items_cost_no_query_each(
    portal_a, make_asset, django_assert_max_num_queries
):
    kind = registry.content_kind("video")
    bulk_videos(selectors.tv_of(portal_a), 30, asset=make_asset(portal_a))
    with django_assert_max_num_queries(6):
        items = [kind.to_item(video) for video in kind.published(portal_a)]
    assert len(items) == 30


def test_videos_are_found_by_title_description_and_credits(portal_a, make_video):
    make_video(
        portal_a,
        "La fresque du square",
        description="<p>Les jeunes repeignent le mur.</p>",
        credits="Images : Kevin Durand",
    )
    live = VideoPage.objects.live()
    assert live.search("fresque").count() == 1
    assert live.search("repeignent").count() == 1
    assert live.search("Durand").count() == 1


@pytest.mark.skipif(not shutil.which("ffmpeg"), reason="ffmpeg n'est pas installé")
def test_demo_seeds_programmes_and_short_videos_once(client, portal_a, portal_b):
    from quartiers.newsroom.demo import seed_journal

    seed_journal(portal_a)
    demo.seed_tv(portal_a)
    demo.seed_tv(portal_b)
    videos = VideoPage.objects.live().filter(portal=portal_a)
    assert Programme.objects.filter(portal=portal_a).count() == 2
    assert videos.count() == 3
    assert all(v.video.is_ready and 1.5 <= v.video.duration <= 4.5 for v in videos)
    assert videos.filter(captions__isnull=False, captions_language="fr").count() == 1
    assert VideoPage.objects.live().filter(portal=portal_b).count() == 3
    demo.seed_tv(portal_a)  # a second run adds nothing
    assert Programme.objects.filter(portal=portal_a).count() == 2
    assert VideoPage.objects.filter(portal=portal_a).count() == 3
    assert MediaAsset.objects.filter(portal=portal_a).count() == 3
    # The journal's article about the tournament plays the video.
    article = client.get("/alpha/journal/article-7/").content.decode()
    assert "Tournoi de foot inter-quartiers" in article
    assert 'class="media-embed media-embed--video"' in article
