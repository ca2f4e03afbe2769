"""Every public file is open to players and readers on other sites (CORS),
whatever serves it: converted sound and video (MP3, MP4, HLS playlists and
segments), resized photos, a video's captions kept as a document, an
episode's chapters and transcript. Private files never are: a document in a
restricted collection, an original, a proposal's sound before publication.

Each file is asked for as a script on a partner's site would ask for it
(an Origin header), then again with its validator (a 304 stays readable).
"""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction

from quartiers.uploads.models import MediaAsset

from .test_media_serving import make_asset

pytestmark = [pytest.mark.django_db, pytest.mark.urls("quartiers.uploads.tests.urls")]

ORIGIN = {"HTTP_ORIGIN": "https://partenaire.example"}
CAPTIONS = b"WEBVTT\n\n00:00.000 --> 00:02.000\nBonjour le quartier\n"


def _document(collection, title="Sous-titres"):
    return get_document_model().objects.create(
        title=title,
        collection=collection,
        file=SimpleUploadedFile("sous-titres.vtt", CAPTIONS, "text/vtt"),
    )


def _is_open(response) -> bool:
    return response.get("Access-Control-Allow-Origin") == "*"


def _assert_open(client, url):
    response = client.get(url, **ORIGIN)
    assert response.status_code in (200, 206), (url, response.status_code)
    assert _is_open(response), url
    validator = response.get("ETag")
    if validator:
        again = client.get(url, HTTP_IF_NONE_MATCH=validator, **ORIGIN)
        assert again.status_code == 304, url
        assert _is_open(again), f"{url}: the 304 is not readable by other sites"


def test_sound_video_and_playlists_are_open(client, portal_a):
    audio = make_asset(portal_a)
    video = make_asset(portal_a, kind=MediaAsset.VIDEO)
    for url in (
        audio.audio_url,  # MP3
        video.video_720_url,  # MP4
        video.video_360_url,
        video.poster_url,
        video.hls_url,  # HLS master playlist
        f"/medias/{video.uid}/hls/720/index.m3u8",
        f"/medias/{video.uid}/hls/720/seg_000.ts",
    ):
        _assert_open(client, url)
        ranged = client.get(url, HTTP_RANGE="bytes=0-1", **ORIGIN)
        assert ranged.status_code == 206, url
        assert _is_open(ranged), url


def test_captions_kept_as_a_public_document_are_open(client, portal_a):
    document = _document(portal_a.collection)
    _assert_open(client, document.url)
    response = client.get(document.url, **ORIGIN)
    assert b"".join(response.streaming_content) == CAPTIONS


def test_public_photos_are_open(client, portal_a):
    from wagtail.images.tests.utils import get_test_image_file

    from quartiers.uploads.models import PortalImage

    image = PortalImage.objects.create(
        title="Photo", file=get_test_image_file(), collection=portal_a.collection
    )
    rendition = image.get_rendition("fill-100x100")
    _assert_open(client, rendition.url)


def test_a_document_of_a_restricted_collection_is_never_open(
    client, portal_a, animator_a
):
    private = portal_a.collection.add_child(name="Réservé aux animateurs")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    )
    group = Group.objects.create(name="Animateurs alpha (documents)")
    restriction.groups.add(group)
    animator_a.groups.add(group)
    document = _document(private, title="Guide interne")

    # Anonymous: not served at all.
    assert client.get(document.url, **ORIGIN).status_code in (302, 403, 404)
    # Its reader gets it, but no other site may read it.
    client.force_login(animator_a)
    response = client.get(document.url, **ORIGIN)
    assert response.status_code == 200
    assert not response.has_header("Access-Control-Allow-Origin")


def test_a_document_below_a_restricted_collection_is_never_open(
    client, portal_a, animator_a
):
    parent = portal_a.collection.add_child(name="Coordination")
    CollectionViewRestriction.objects.create(
        collection=parent, restriction_type=CollectionViewRestriction.LOGIN
    )
    child = parent.add_child(name="Comptes rendus")
    document = _document(child, title="Compte rendu")
    client.force_login(animator_a)
    response = client.get(document.url, **ORIGIN)
    assert response.status_code == 200
    assert not response.has_header("Access-Control-Allow-Origin")


def test_private_media_addresses_are_never_open(client, portal_a, animator_a):
    audio = make_asset(portal_a)
    unready = make_asset(portal_a, status=MediaAsset.PROCESSING)
    client.force_login(animator_a)
    for url in (
        f"/medias/{audio.uid}/original",
        f"/medias/{audio.uid}/etat.json",
    ):
        response = client.get(url, **ORIGIN)
        assert response.status_code == 200, url
        assert not response.has_header("Access-Control-Allow-Origin"), url
    # Not ready: not public, not served.
    response = client.get(f"/medias/{unready.uid}/audio.mp3", **ORIGIN)
    assert response.status_code == 404


def test_files_outside_the_public_folders_are_not_served(client, portal_a):
    document = _document(portal_a.collection)
    response = client.get(f"/media/{document.file.name}", **ORIGIN)
    assert response.status_code == 404
    assert not response.has_header("Access-Control-Allow-Origin")


def test_the_web_server_keeps_the_same_rule():
    """Behind nginx, public photos are served by it, and the files the
    application allowed go out by internal redirect, which drops the
    application's headers: the configuration repeats them (empty, hence
    absent, for a private file)."""
    from .test_deploy_config import LOCATIONS

    photos = next(
        body
        for header, body in LOCATIONS.items()
        if header.startswith("~ ^/media/") and "jpe?g" in header
    )
    assert 'Access-Control-Allow-Origin "*" always' in photos
    protected = LOCATIONS["/media-protege/"]
    assert (
        "Access-Control-Allow-Origin $upstream_http_access_control_allow_origin"
        in protected
    )
