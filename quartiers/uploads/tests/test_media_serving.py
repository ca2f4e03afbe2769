"""/medias/<uid>/...: published files with HEAD and byte ranges (players
seek with them), only once ready; the original, the status and the retry
button only for the sender and the animators of the asset's portal."""

import uuid

import pytest
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.test import Client

from quartiers.uploads.models import MediaAsset

pytestmark = [pytest.mark.django_db, pytest.mark.urls("quartiers.uploads.tests.urls")]

BODY = bytes(range(256)) * 40  # 10 240 bytes


def make_asset(portal, *, kind=MediaAsset.AUDIO, status=MediaAsset.READY, by=None):
    """An asset with its files written directly: serving does not read them."""
    asset = MediaAsset(
        uid=uuid.uuid4(), portal=portal, kind=kind, title="Émission", created_by=by
    )
    asset.original.save(
        "original-secret.m4a", ContentFile(b"original bytes"), save=False
    )
    storage = asset.original.storage
    base = f"medias/{portal.pk}/{asset.uid}"
    if kind == MediaAsset.AUDIO:
        asset.audio_file.name = storage.save(f"{base}/audio.mp3", ContentFile(BODY))
        asset.audio_size = len(BODY)
    else:
        asset.video_720.name = storage.save(f"{base}/720.mp4", ContentFile(BODY))
        asset.video_720_size = len(BODY)
        asset.video_360.name = storage.save(f"{base}/360.mp4", ContentFile(BODY[:100]))
        asset.poster.name = storage.save(
            f"{base}/poster.jpg", ContentFile(b"\xff\xd8\xff")
        )
        storage.save(
            f"{base}/hls/720/index.m3u8", ContentFile(b"#EXTM3U\nseg_000.ts\n")
        )
        storage.save(f"{base}/hls/720/seg_000.ts", ContentFile(b"G" * 188))
        asset.hls_playlist = storage.save(
            f"{base}/hls/master.m3u8", ContentFile(b"#EXTM3U\n")
        )
    asset.status = status
    asset.save()
    return asset


@pytest.fixture
def audio(portal_a):
    return make_asset(portal_a)


def body_of(response) -> bytes:
    return (
        b"".join(response.streaming_content) if response.streaming else response.content
    )


def test_whole_file_with_length_type_and_accept_ranges(client, audio):
    response = client.get(audio.audio_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Length"] == str(len(BODY))
    assert body_of(response) == BODY


@pytest.mark.parametrize(
    "header, start, end",
    [
        ("bytes=0-99", 0, 99),
        ("bytes=100-", 100, len(BODY) - 1),
        ("bytes=-50", len(BODY) - 50, len(BODY) - 1),
        ("bytes=10000-999999", 10000, len(BODY) - 1),
        ("bytes=-999999", 0, len(BODY) - 1),
    ],
)
def test_a_range_answers_206_with_that_part(client, audio, header, start, end):
    response = client.get(audio.audio_url, HTTP_RANGE=header)
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/{len(BODY)}"
    assert response["Content-Length"] == str(end - start + 1)
    assert body_of(response) == BODY[start : end + 1]


@pytest.mark.parametrize("header", [f"bytes={len(BODY)}-", "bytes=999999-", "bytes=-0"])
def test_a_range_past_the_end_answers_416(client, audio, header):
    response = client.get(audio.audio_url, HTTP_RANGE=header)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(BODY)}"


@pytest.mark.parametrize(
    "header",
    [
        "bytes=abc",
        "items=0-1",
        "bytes=5-2",
        "bytes=0-1,4-5",
        "bytes=",
        "bytes=-",
        "bytes=" + "9" * 40 + "-",
        "\x00",
        "bytes=0-1-2",
        "bytes=١-٢",
    ],
)
def test_a_malformed_range_is_ignored_never_a_500(client, audio, header):
    response = client.get(audio.audio_url, HTTP_RANGE=header)
    assert response.status_code == 200
    assert body_of(response) == BODY


def test_head_has_the_headers_and_no_body(client, audio):
    response = client.head(audio.audio_url)
    assert response.status_code == 200
    assert response["Content-Length"] == str(len(BODY))
    assert response["Accept-Ranges"] == "bytes"
    assert response.content == b""
    partial = client.head(audio.audio_url, HTTP_RANGE="bytes=0-9")
    assert partial.status_code == 206
    assert partial["Content-Length"] == "10"
    assert partial.content == b""


def test_conditional_requests(client, audio):
    etag = client.head(audio.audio_url)["ETag"]
    assert client.get(audio.audio_url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    stale = client.get(audio.audio_url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"old"')
    assert stale.status_code == 200
    fresh = client.get(audio.audio_url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=etag)
    assert fresh.status_code == 206


def test_download_link_asks_to_save_the_file(client, audio):
    response = client.get(audio.download_url)
    assert response["Content-Disposition"].startswith("attachment")
    assert "mission.mp3" in response["Content-Disposition"]
    assert "Content-Disposition" not in client.get(audio.audio_url)


def test_writing_methods_are_refused(client, audio):
    assert client.post(audio.audio_url).status_code == 405


@pytest.mark.parametrize(
    "status", [MediaAsset.PENDING, MediaAsset.PROCESSING, MediaAsset.FAILED]
)
def test_files_of_an_asset_not_ready_are_missing(client, portal_a, status):
    asset = make_asset(portal_a, status=status)
    assert asset.audio_url == ""
    path = f"/medias/{asset.uid}/audio.mp3"
    assert client.get(path).status_code == 404
    assert client.head(path).status_code == 404


def test_unknown_or_malformed_addresses_are_missing(client, audio):
    assert client.get(f"/medias/{uuid.uuid4()}/audio.mp3").status_code == 404
    assert client.get("/medias/pas-un-uid/audio.mp3").status_code == 404
    assert client.get(f"/medias/{audio.uid}/720.mp4").status_code == 404  # a sound


def test_video_files_and_hls(client, portal_a):
    video = make_asset(portal_a, kind=MediaAsset.VIDEO)
    for url, content_type in (
        (video.video_720_url, "video/mp4"),
        (video.video_360_url, "video/mp4"),
        (video.poster_url, "image/jpeg"),
        (video.hls_url, "application/vnd.apple.mpegurl"),
        (f"/medias/{video.uid}/hls/720/index.m3u8", "application/vnd.apple.mpegurl"),
        (f"/medias/{video.uid}/hls/720/seg_000.ts", "video/mp2t"),
    ):
        response = client.get(url)
        assert (response.status_code, response["Content-Type"]) == (
            200,
            content_type,
        ), url
    assert video.mime_type == "video/mp4" and video.audio_length == len(BODY)
    for bad in (
        "hls/999/index.m3u8",
        "hls/720/..%2F..%2Foriginal",
        "hls/720/seg_1.ts",
        "hls/720/other.txt",
        "hls/360/seg_000.ts",
    ):
        assert client.get(f"/medias/{video.uid}/{bad}").status_code == 404, bad


def test_the_original_is_for_its_sender_and_the_animators(
    client, portal_a, resident_a, animator_a, animator_b, resident_b
):
    asset = make_asset(portal_a, by=resident_a)
    url = asset.original_url
    assert "secret" not in url
    assert client.get(url).status_code == 404
    for user, expected in (
        (resident_b, 404),
        (animator_b, 404),
        (resident_a, 200),
        (animator_a, 200),
    ):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == expected, user
        if expected == 200:
            assert body_of(response) == b"original bytes"
            assert "no-store" in response["Cache-Control"]


def test_status_json_for_the_sender_and_the_animators_only(
    client, portal_a, resident_a, animator_a, animator_b, resident_b, coordinator
):
    asset = make_asset(portal_a, status=MediaAsset.PROCESSING, by=resident_a)
    MediaAsset.objects.filter(pk=asset.pk).update(progress=42)
    assert client.get(asset.status_url).status_code == 404
    for user in (resident_b, animator_b):
        client.force_login(user)
        assert client.get(asset.status_url).status_code == 404, user
    for user in (resident_a, animator_a, coordinator):
        client.force_login(user)
        response = client.get(asset.status_url + "?page=/alpha/radio/")
        assert response.status_code == 200
        data = response.json()
        assert (data["status"], data["progress"], data["label"]) == (
            "processing",
            42,
            "En cours",
        )
        assert 'value="42"' in data["html"]
        assert 'href="/alpha/radio/"' in data["html"]
        assert (
            "no-cache" in response["Cache-Control"]
            or "max-age=0" in response["Cache-Control"]
        )


def test_status_json_ignores_a_foreign_page_address(client, portal_a, animator_a):
    asset = make_asset(portal_a, status=MediaAsset.PENDING)
    client.force_login(animator_a)
    data = client.get(asset.status_url + "?page=//evil.example/").json()
    assert "evil.example" not in data["html"]


def test_the_include_says_each_state_in_french(rf, portal_a):
    request = rf.get("/alpha/radio/")
    asset = make_asset(portal_a, status=MediaAsset.PROCESSING)
    asset.progress = 42
    html = render_to_string(
        "uploads/media_status.html", {"asset": asset}, request=request
    )
    assert "En cours" in html and 'value="42"' in html and "42 %" in html
    assert "Actualiser" in html and "media_status.js" in html
    assert "Relancer" not in html

    asset.status, asset.failure_reason = MediaAsset.FAILED, "Le fichier est abîmé."
    html = render_to_string(
        "uploads/media_status.html",
        {"asset": asset, "can_retry": True},
        request=request,
    )
    assert "Échec" in html and "Le fichier est abîmé." in html
    assert 'action="' + asset.retry_url in html and "csrfmiddlewaretoken" in html
    assert "media_status.js" not in html

    asset.status = MediaAsset.READY
    html = render_to_string(
        "uploads/media_status.html", {"asset": asset}, request=request
    )
    assert "Prêt" in html and "Actualiser" not in html


def test_retry_button_for_animators_of_the_portal(
    portal_a, animator_a, animator_b, resident_a, django_capture_on_commit_callbacks
):
    asset = make_asset(portal_a, status=MediaAsset.FAILED, by=resident_a)
    client = Client(enforce_csrf_checks=True)
    for user in (resident_a, animator_b):
        client.force_login(user)
        assert client.get(asset.retry_url).status_code == 404
    client.force_login(animator_a)
    page = client.get(asset.retry_url + "?next=/alpha/radio/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "le fichier d'origine sera converti à nouveau" in html
    assert client.post(asset.retry_url).status_code == 403  # no CSRF token
    token = page.cookies["csrftoken"].value
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            asset.retry_url,
            {"csrfmiddlewaretoken": token, "next": "https://evil.example/"},
        )
    assert response.status_code == 302
    assert response["Location"] == asset.retry_url
    # One conversion queued (the page cache's own bumps ride along).
    queued = [c for c in callbacks if "media_asset_retry" in c.__qualname__]
    assert len(queued) == 1
    asset.refresh_from_db()
    assert asset.status == MediaAsset.PENDING
    # Asking again while it waits: a French message, no second task.
    response = client.post(asset.retry_url, {"csrfmiddlewaretoken": token}, follow=True)
    assert "patientez" in response.content.decode()


def test_serving_a_file_costs_one_query(client, audio, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert client.get(audio.audio_url, HTTP_RANGE="bytes=0-9").status_code == 206


def test_status_json_costs_a_few_queries(
    client, portal_a, animator_a, django_assert_max_num_queries
):
    asset = make_asset(portal_a, status=MediaAsset.PROCESSING)
    client.force_login(animator_a)
    with django_assert_max_num_queries(5):  # session, user, asset, role
        assert client.get(asset.status_url).status_code == 200
