"""Players on other sites (a partner's page, a podcast web app, hls.js) may
read every public media file: CORS for everyone on them, never on the
private addresses (original, status, retry)."""

import pytest

from quartiers.uploads import views
from quartiers.uploads.models import MediaAsset

from .test_media_serving import make_asset

pytestmark = [pytest.mark.django_db, pytest.mark.urls("quartiers.uploads.tests.urls")]

PRIVATE = {views.original, views.status, views.retry}


def test_every_public_media_address_is_open_to_other_sites():
    """A media view added tomorrow is either public (and open) or private."""
    from quartiers.uploads import urls

    for pattern in urls.urlpatterns:
        callback = pattern.callback
        if callback in PRIVATE:
            continue
        assert getattr(callback, "open_to_every_site", False), pattern.pattern


def test_public_files_answer_cors_for_everyone(client, portal_a):
    audio = make_asset(portal_a)
    video = make_asset(portal_a, kind=MediaAsset.VIDEO)
    for url in (
        audio.audio_url,
        video.video_720_url,
        video.video_360_url,
        video.poster_url,
        video.hls_url,
        f"/medias/{video.uid}/hls/720/index.m3u8",
        f"/medias/{video.uid}/hls/720/seg_000.ts",
    ):
        for method in (client.get, client.head):
            response = method(url, HTTP_ORIGIN="https://partenaire.example")
            assert response.status_code == 200, url
            assert response["Access-Control-Allow-Origin"] == "*", url
        ranged = client.get(url, HTTP_RANGE="bytes=0-1")
        assert ranged["Access-Control-Allow-Origin"] == "*", url
        assert "Content-Range" in ranged["Access-Control-Expose-Headers"]


def test_private_addresses_stay_closed(client, portal_a):
    audio = make_asset(portal_a)
    for url in (f"/medias/{audio.uid}/original", f"/medias/{audio.uid}/etat.json"):
        response = client.get(url)
        assert not response.has_header("Access-Control-Allow-Origin"), url
