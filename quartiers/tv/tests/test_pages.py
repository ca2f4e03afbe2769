"""The TV home (/<p>/tv/) and the video page, as visitors see them."""

import re

import pytest

from quartiers.tv import selectors
from quartiers.uploads.models import MediaAsset

from .conftest import bulk_videos

pytestmark = pytest.mark.django_db


def test_tv_home_lists_published_videos_newest_first(client, portal_a, make_video):
    make_video(portal_a, "Le tournoi de foot", days_ago=5)
    make_video(portal_a, "La fresque du square", days_ago=1)
    make_video(portal_a, "Le brouillon secret", publish=False)
    response = client.get("/alpha/tv/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("La fresque du square") < html.index("Le tournoi de foot")
    assert "Le brouillon secret" not in html
    # Posters and durations on the cards.
    assert "/poster.jpg" in html
    assert '<time datetime="PT2M5S">2 min 05 s</time>' in html


def test_tv_home_empty_state(client, portal_a):
    html = client.get("/alpha/tv/").content.decode()
    assert "Aucune vidéo pour le moment." in html


def test_programme_filter(client, portal_a, make_video, make_programme):
    portraits = make_programme(portal_a, "Portraits")
    sport = make_programme(portal_a, "Sport", order=1)
    make_video(portal_a, "Fatou la couturière", programme=portraits)
    make_video(portal_a, "Le tournoi de foot", programme=sport)
    html = client.get(f"/alpha/tv/?programme={portraits.slug}").content.decode()
    assert "Fatou la couturière" in html and "Le tournoi de foot" not in html
    assert f'href="/alpha/tv/?programme={portraits.slug}" aria-current="page"' in html
    # An unknown programme shows everything rather than an error.
    html = client.get("/alpha/tv/?programme=inconnu").content.decode()
    assert "Fatou la couturière" in html and "Le tournoi de foot" in html


def test_programme_without_videos_says_so(client, portal_a, make_programme):
    empty = make_programme(portal_a, "Cuisine")
    html = client.get(f"/alpha/tv/?programme={empty.slug}").content.decode()
    assert "Pas encore de vidéo dans ce programme." in html


def test_another_portals_programme_does_not_filter(
    client, portal_a, portal_b, make_video, make_programme
):
    other = make_programme(portal_b, "Portraits Bêta")
    make_video(portal_a, "Fatou la couturière")
    html = client.get(f"/alpha/tv/?programme={other.slug}").content.decode()
    assert "Portraits Bêta" not in html
    assert "Fatou la couturière" in html


def test_tv_home_is_paginated(client, portal_a, make_asset):
    tv = selectors.tv_of(portal_a)
    bulk_videos(tv, selectors.TV_PAGE_SIZE + 3, asset=make_asset(portal_a))
    first = client.get("/alpha/tv/").content.decode()
    second = client.get("/alpha/tv/?page=2").content.decode()
    assert first.count('class="card video-card"') == selectors.TV_PAGE_SIZE
    assert second.count('class="card video-card"') == 3
    assert "Page 2 sur 2" in second


def test_video_page_plays_the_video(client, portal_a, make_video, make_programme):
    programme = make_programme(portal_a, "Ça bouge au quartier")
    video = make_video(
        portal_a,
        "La fresque du square",
        programme=programme,
        description="<p>Trois samedis de peinture.</p>",
        credits="Réalisation : Samia\nImages : Kevin",
    )
    response = client.get("/alpha/tv/la-fresque-du-square/")
    html = response.content.decode()
    assert response.status_code == 200
    asset = video.video
    assert re.search(r'<video class="video-player" controls preload="none"', html)
    assert f'poster="{asset.poster_url}"' in html
    assert f'<source src="{asset.video_720_url}" type="video/mp4">' in html
    assert f'<source src="{asset.video_360_url}" type="video/mp4"' in html
    assert f'<source src="{asset.hls_url}"' in html
    assert "<track" not in html  # no captions file
    assert "Trois samedis de peinture." in html
    assert "Réalisation : Samia<br>Images : Kevin" in html
    assert "Ça bouge au quartier" in html
    assert "2 min 05 s" in html
    assert asset.download_url in html
    assert '<section class="comments" id="commentaires"' in html
    assert "/reactions/signaler/page/" in html


def test_video_page_shows_captions_track(
    client, portal_a, make_video, captions_document
):
    captions = captions_document()
    make_video(portal_a, "Fatou", captions=captions, captions_language="ar")
    html = client.get("/alpha/tv/fatou/").content.decode()
    assert (
        f'<track kind="captions" src="{captions.url}" srclang="ar" '
        'label="العربية" default>'
    ) in html


def test_a_video_in_preparation_says_so(client, portal_a, make_video):
    video = make_video(portal_a, "Le tournoi")
    MediaAsset.objects.filter(pk=video.video_id).update(status=MediaAsset.PROCESSING)
    html = client.get("/alpha/tv/le-tournoi/").content.decode()
    assert "Vidéo en préparation." in html
    assert "<video" not in html
    listing = client.get("/alpha/tv/").content.decode()
    assert "en préparation" in listing
    MediaAsset.objects.filter(pk=video.video_id).update(status=MediaAsset.FAILED)
    html = client.get("/alpha/tv/le-tournoi/").content.decode()
    assert "Cette vidéo n'est pas disponible pour le moment." in html
    assert "<video" not in html


def test_draft_video_is_not_public(client, portal_a, make_video):
    make_video(portal_a, "Brouillon", publish=False)
    assert client.get("/alpha/tv/brouillon/").status_code == 404


def test_another_portals_video_answers_404(client, portal_a, portal_b, make_video):
    make_video(portal_b, "La fête à Bêta", slug="la-fete-a-beta")
    assert client.get("/beta/tv/la-fete-a-beta/").status_code == 200
    assert client.get("/alpha/tv/la-fete-a-beta/").status_code == 404
    assert "La fête à Bêta" not in client.get("/alpha/tv/").content.decode()


def test_tv_switched_off_answers_404(client, portal_a, make_video):
    make_video(portal_a, "Le tournoi")
    portal_a.enabled_sections = [k for k in portal_a.enabled_sections if k != "tv"]
    portal_a.save()
    assert client.get("/alpha/tv/").status_code == 404
    assert "Dernières vidéos de la TV" not in client.get("/alpha/").content.decode()


def test_portal_home_shows_the_latest_videos(client, portal_a, portal_b, make_video):
    assert "Dernières vidéos de la TV" not in client.get("/alpha/").content.decode()
    make_video(portal_a, "La fresque du square")
    make_video(portal_b, "La fête à Bêta")
    html = client.get("/alpha/").content.decode()
    assert "Dernières vidéos de la TV" in html
    assert "La fresque du square" in html and "La fête à Bêta" not in html


def test_latest_videos_leaves_out_unready_ones(portal_a, make_video):
    ready = make_video(portal_a, "Prête")
    pending = make_video(portal_a, "Pas prête")
    MediaAsset.objects.filter(pk=pending.video_id).update(status=MediaAsset.FAILED)
    assert [v.pk for v in selectors.latest_videos(portal_a, 4)] == [ready.pk]


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm what is made once (renditions, site root paths)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def _assert_queries(client, url, expected, django_assert_num_queries) -> None:
    client.get(url)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_tv_home_query_count_does_not_grow(
    client, portal_a, make_asset, make_programme, django_assert_num_queries
):
    """10 videos or 300 (with and without a programme filter): same queries."""
    tv = selectors.tv_of(portal_a)
    programme = make_programme(portal_a, "Portraits")
    bulk_videos(tv, 10, asset=make_asset(portal_a), programme=programme)
    filtered = f"/alpha/tv/?programme={programme.slug}"
    small = _queries(client, "/alpha/tv/")
    small_filtered = _queries(client, filtered)
    bulk_videos(tv, 290, asset=make_asset(portal_a), programme=programme, start=10)
    _assert_queries(client, "/alpha/tv/", small, django_assert_num_queries)
    _assert_queries(client, "/alpha/tv/?page=7", small, django_assert_num_queries)
    _assert_queries(client, filtered, small_filtered, django_assert_num_queries)


def test_video_page_query_count_does_not_grow(
    client,
    portal_a,
    make_video,
    make_asset,
    make_programme,
    captions_document,
    django_assert_num_queries,
):
    """A video page among 10 or 300 videos of its programme: same queries."""
    tv = selectors.tv_of(portal_a)
    programme = make_programme(portal_a, "Portraits")
    make_video(
        portal_a, "La fresque", programme=programme, captions=captions_document()
    )
    bulk_videos(tv, 10, asset=make_asset(portal_a), programme=programme)
    small = _queries(client, "/alpha/tv/la-fresque/")
    bulk_videos(tv, 290, asset=make_asset(portal_a), programme=programme, start=10)
    _assert_queries(client, "/alpha/tv/la-fresque/", small, django_assert_num_queries)


def test_residents_comment_and_report_a_video(client, portal_a, resident_a, make_video):
    from quartiers.comments.models import Comment

    video = make_video(portal_a, "La fresque du square")
    client.force_login(resident_a)
    response = client.post(
        f"/reactions/pages/{video.pk}/commenter/",
        {"body": "Bravo aux jeunes pour ce beau travail !"},
    )
    assert response.status_code == 302
    comment = Comment.objects.get(page=video)
    assert comment.portal == portal_a
    report = client.get(f"/reactions/signaler/page/{video.pk}/")
    assert report.status_code == 200
    assert "La fresque du square" in report.content.decode()
