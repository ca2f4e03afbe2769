"""Players on other sites (a partner's page, a podcast web app, hls.js) may
read every public media file: CORS for everyone on them, never on the
private addresses (original, status, retry, a proposal's sound before its
article is online).

Every URL of the project whose view serves stored files is listed in ROUTES
as public or private: a new one fails the first test until it is listed,
and its answers are tested here or in test_public_file_cors."""

import inspect

import pytest
from django.urls import URLResolver, get_resolver

from quartiers.newsroom.models import Submission
from quartiers.uploads.models import MediaAsset

from .conftest import needs_ffmpeg
from .test_media_serving import make_asset
from .test_proposal_audio import proposal  # noqa: F401 - a fixture

pytestmark = [pytest.mark.django_db, pytest.mark.urls("quartiers.uploads.tests.urls")]

ORIGIN = {"HTTP_ORIGIN": "https://partenaire.example"}
PUBLIC, PRIVATE, NO_FILE = "public", "private", "no file"
# What the views of these URLs answer (the tests below and in
# test_public_file_cors ask each of them, with an Origin header).
ROUTES = {
    "medias/<uuid:uid>/audio.mp3": PUBLIC,
    "medias/<uuid:uid>/720.mp4": PUBLIC,
    "medias/<uuid:uid>/360.mp4": PUBLIC,
    "medias/<uuid:uid>/poster.jpg": PUBLIC,
    "medias/<uuid:uid>/hls/master.m3u8": PUBLIC,
    "medias/^(?P<uid>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
    "/hls/(?P<variant>\\d{3,4})/(?P<name>[\\w.]{1,40})$": PUBLIC,
    "medias/<uuid:uid>/original": PRIVATE,
    "medias/<uuid:uid>/etat.json": NO_FILE,
    "medias/<uuid:uid>/relancer/": NO_FILE,
    # Public once its article is online, private before.
    "medias/propositions/<int:submission_id>/son": PUBLIC + " once published",
    # Public unless its collection is restricted (test_public_file_cors).
    "^documents/(\\d+)/(.*)$": PUBLIC + " unless restricted",
    # Only the public folders (resized photos; test_public_file_cors).
    "^media/(?P<path>.*)$": PUBLIC,
}
# What answers with a stored file (quartiers/uploads/serving.py, Wagtail's
# document view, Django's static view).
FILE_ANSWERS = ("serve_file(", "static_serve(", "wagtail_serve.serve(", "sendfile(")


def _file_serving_routes() -> set[str]:
    """The URL patterns whose view lives in a module of ours that answers
    with stored files."""
    found = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
                continue
            view = getattr(pattern.callback, "view_class", None) or inspect.unwrap(
                pattern.callback
            )
            module = inspect.getmodule(view)
            if module is None or not module.__name__.startswith("quartiers."):
                continue
            if any(answer in inspect.getsource(module) for answer in FILE_ANSWERS):
                found.add(route)

    walk(get_resolver().url_patterns, "")
    return found


def test_every_url_that_serves_files_is_listed():
    """A file-serving address added tomorrow says whether it is public."""
    assert _file_serving_routes() == set(ROUTES)


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


@needs_ffmpeg
def test_a_proposal_sound_is_open_once_its_article_is_online(
    client,
    proposal,  # noqa: F811 - the fixture imported above
    resident_a,
):
    url = f"/medias/propositions/{proposal.pk}/son"
    client.force_login(resident_a)  # its author may listen before: not others
    response = client.get(url, **ORIGIN)
    assert response.status_code == 200
    assert not response.has_header("Access-Control-Allow-Origin")

    proposal.status = Submission.PUBLISHED
    proposal.save()
    proposal.page.live = True
    proposal.page.save()
    client.logout()
    for method in (client.get, client.head):
        response = method(url, **ORIGIN)
        assert response.status_code == 200
        assert response["Access-Control-Allow-Origin"] == "*"
    ranged = client.get(url, HTTP_RANGE="bytes=0-1", **ORIGIN)
    assert ranged.status_code == 206
    assert ranged["Access-Control-Allow-Origin"] == "*"
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"], **ORIGIN)
    assert again.status_code == 304
    assert again["Access-Control-Allow-Origin"] == "*"


def test_behind_the_web_server_the_header_goes_with_the_redirect(
    client, portal_a, settings
):
    """Behind nginx, the file goes out by internal redirect: the header is
    on the application's answer, which nginx repeats (deploy/nginx.conf)."""
    settings.QUARTIERS_MEDIA_ACCEL_REDIRECT = "/media-protege/"
    audio = make_asset(portal_a)
    public = client.get(audio.audio_url, **ORIGIN)
    assert public.has_header("X-Accel-Redirect")
    assert public["Access-Control-Allow-Origin"] == "*"
