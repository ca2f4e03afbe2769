"""The sound attached to a resident's article proposal: checked like every
sound, stripped of its tags, and private until the article is published."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from quartiers.newsroom.models import Submission
from quartiers.uploads.tests.conftest import needs_ffmpeg, tags_of
from quartiers.uploads.tests.test_media_serving import body_of
from tests.factories import png_bytes

pytestmark = [pytest.mark.django_db, needs_ffmpeg]

URL = "/alpha/participer/proposer/"


def _propose(client, audio):
    return client.post(
        URL,
        {
            "title": "Le marché du samedi",
            "text": "Écoutez les voix du marché.",
            "photo_consent": "not_needed",
            "brouillon": "1",
            "audio": audio,
        },
    )


@pytest.fixture
def proposal(client, resident_a, portal_a, corpus):
    client.force_login(resident_a)
    audio = SimpleUploadedFile(
        "Jean Dupont 06 12 34 56 78.mp3", corpus["audio"].read_bytes(), "audio/mpeg"
    )
    response = _propose(client, audio)
    assert response.status_code == 302, response.content.decode()[:500]
    return Submission.objects.get(author=resident_a)


def test_tags_are_stripped_before_anyone_downloads_it(proposal, corpus):
    assert "Nom du voisin" in str(tags_of(corpus["audio"]))  # the source has them
    stored = proposal.audio.path
    tags = tags_of(stored)
    assert not {"title", "artist", "comment", "location"} & {t.lower() for t in tags}
    raw = open(stored, "rb").read()
    for secret in (b"Nom du voisin", b"Titre secret", b"rue des Lilas", b"Dupont"):
        assert secret not in raw
    assert "Dupont" not in proposal.audio.name


def test_private_until_published(
    client, proposal, resident_a, resident_b, animator_a, animator_b
):
    url = f"/medias/propositions/{proposal.pk}/son"
    # No public address for the file itself.
    assert client.get(f"/media/{proposal.audio.name}").status_code == 404
    client.logout()
    assert client.get(url).status_code == 404
    for person, expected in (
        (resident_b, 404),
        (animator_b, 404),
        (resident_a, 200),
        (animator_a, 200),
    ):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == expected, person
        if expected == 200:
            assert response["Content-Disposition"].startswith("attachment")
            assert "no-store" in response["Cache-Control"]
            assert len(body_of(response)) == proposal.audio.size

    proposal.status = Submission.PUBLISHED
    proposal.save()
    page = proposal.page
    page.live = True
    page.save()
    client.logout()
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "name, content",
    [
        ("voix.mp3", b"<html><script>alert(1)</script></html>"),
        ("voix.mp3", b"\x7fELF\x02\x01\x01" + b"\0" * 200),
        ("voix.m4a", png_bytes()),
        ("voix.ogg", b"pas du tout un son " * 200),
        ("voix.html", b"<html></html>"),
    ],
)
def test_what_is_not_a_sound_is_refused_with_a_message(
    client, resident_a, portal_a, name, content
):
    client.force_login(resident_a)
    response = _propose(client, SimpleUploadedFile(name, content))
    assert response.status_code in (200, 400)
    html = response.content.decode().replace("&#x27;", "'")
    assert any(
        words in html
        for words in (
            "pas un son",
            "Ce son est illisible",
            "n'est pas accepté pour un son",
        )
    )
    assert not Submission.objects.filter(author=resident_a).exists()


def test_sounds_stored_before_this_check_can_be_cleaned(resident_a, portal_a, corpus):
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    submission = Submission.objects.create(
        portal=portal_a, author=resident_a, title="Ancienne", text="."
    )
    submission.audio.save(
        "Jean Dupont.mp3", ContentFile(corpus["audio"].read_bytes()), save=True
    )
    old_name = submission.audio.name
    call_command("proposal_audio_strip_tags")
    submission.refresh_from_db()
    assert submission.audio.name != old_name
    assert not submission.audio.storage.exists(old_name)
    assert "Nom du voisin" not in str(tags_of(submission.audio.path))
    assert b"Nom du voisin" not in submission.audio.read()
