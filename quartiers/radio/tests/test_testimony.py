"""A resident records an audio testimony; it goes to the animators' review."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from wagtail.models import WorkflowState

from quartiers.radio.models import EpisodePage, NotReadyToPublish, ShowPage
from quartiers.uploads.models import MediaAsset

from .conftest import tiny_png

pytestmark = pytest.mark.django_db

URL = "/alpha/participer/temoignage/"


def _data(tiny_mp3, **extra):
    data = {
        "title": "Mon marché du samedi",
        "description": "Je raconte le marché.",
        "consent": "on",
        "audio": SimpleUploadedFile("temoignage.mp3", tiny_mp3, "audio/mpeg"),
    }
    data.update(extra)
    return {k: v for k, v in data.items() if v is not None}


def _nothing_created():
    return not MediaAsset.objects.exists() and not EpisodePage.objects.exists()


def test_login_is_required(client, portal_a):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_form_offers_recording_and_a_plain_file_input(client, portal_a, resident_a):
    client.force_login(resident_a)
    html = client.get(URL).content.decode()
    assert 'type="file"' in html and 'accept="audio/*' in html and "capture" in html
    assert "data-recorder hidden" in html and "radio/recorder.js" in html
    assert "J&#x27;accepte que mon témoignage soit diffusé" in html


def test_only_members_of_the_portal_may_send(client, portal_a, resident_b, tiny_mp3):
    client.force_login(resident_b)
    html = client.get(URL).content.decode()
    assert "rejoignez d'abord le quartier" in html
    response = client.post(URL, _data(tiny_mp3))
    assert response.status_code == 200
    assert _nothing_created()


def test_consent_is_required(client, portal_a, resident_a, tiny_mp3):
    client.force_login(resident_a)
    response = client.post(URL, _data(tiny_mp3, consent=None))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Cochez la case pour accepter" in html
    assert 'value="Mon marché du samedi"' in html  # what was typed is kept
    assert _nothing_created()


@pytest.mark.parametrize(
    "name, content",
    [
        ("vide.mp3", b""),
        ("photo.mp3", None),  # an image posing as a sound
        ("programme.mp3", b"\x7fELF\x02\x01\x01" + b"\0" * 500),
        ("texte.mp3", b"ceci n'est pas un son " * 40),
    ],
)
def test_bad_audio_is_refused_and_nothing_is_created(
    client, portal_a, resident_a, tiny_mp3, name, content
):
    client.force_login(resident_a)
    content = tiny_png() if content is None else content
    response = client.post(
        URL, _data(tiny_mp3, audio=SimpleUploadedFile(name, content, "audio/mpeg"))
    )
    assert response.status_code == 400
    errors = response.context["form"].errors["audio"]
    assert errors and errors[0].endswith((".", "!", ")"))
    assert _nothing_created()


def test_testimony_becomes_a_draft_in_the_review_workflow(
    client,
    portal_a,
    resident_a,
    animator_a,
    tiny_mp3,
    django_capture_on_commit_callbacks,
):
    client.force_login(resident_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, _data(tiny_mp3))
    episode = EpisodePage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{URL}envoye/{episode.pk}/"

    assert not episode.live
    assert episode.contributor == resident_a and episode.broadcast_consent_at
    show = episode.get_parent().specific
    assert isinstance(show, ShowPage) and show.slug == "temoignages" and show.live
    assert episode.portal == portal_a
    assert episode.audio.created_by == resident_a
    assert "Je raconte le marché." in episode.description
    state = WorkflowState.objects.get(object_id=str(episode.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    recipients = {message.to[0] for message in mail.outbox}
    assert {resident_a.email, animator_a.email} <= recipients

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Mon marché du samedi" in html and "En attente d" in html
    assert "media-status" in html  # the sound's preparation state

    # The animator approves once the sound is ready: the testimony is online.
    episode.audio.refresh_from_db()
    assert episode.audio.is_ready, episode.audio.failure_reason
    state.current_task_state.approve(user=animator_a)
    episode.refresh_from_db()
    assert episode.live


def test_approval_waits_for_the_sound(
    client, portal_a, resident_a, animator_a, tiny_mp3
):
    client.force_login(resident_a)
    client.post(URL, _data(tiny_mp3))  # on_commit never runs: sound still waiting
    episode = EpisodePage.objects.get()
    assert episode.audio.status == MediaAsset.PENDING
    state = WorkflowState.objects.get(object_id=str(episode.pk))
    with pytest.raises(NotReadyToPublish):
        state.current_task_state.approve(user=animator_a)


def test_a_second_testimony_uses_the_same_show(client, portal_a, resident_a, tiny_mp3):
    client.force_login(resident_a)
    client.post(URL, _data(tiny_mp3))
    client.post(URL, _data(tiny_mp3))
    assert ShowPage.objects.filter(portal=portal_a, slug="temoignages").count() == 1
    assert sorted(EpisodePage.objects.values_list("slug", flat=True)) == [
        "mon-marche-du-samedi",
        "mon-marche-du-samedi-2",
    ]


def test_confirmation_page_is_only_for_its_author(
    client, portal_a, resident_a, animator_a, tiny_mp3
):
    client.force_login(resident_a)
    client.post(URL, _data(tiny_mp3))
    episode = EpisodePage.objects.get()
    client.force_login(animator_a)
    assert client.get(f"{URL}envoye/{episode.pk}/").status_code == 404
    assert client.get("/beta/participer/temoignage/envoye/1/").status_code in (302, 404)
    assert client.get(f"{URL}envoye/99999999999999999999/").status_code == 404


@override_settings(
    QUARTIERS_RATE_LIMITS={"testimony": (2, 3600), "submission": (10, 3600)}
)
def test_testimonies_are_rate_limited(client, portal_a, resident_a, tiny_mp3):
    client.force_login(resident_a)
    for _ in range(2):
        assert client.post(URL, _data(tiny_mp3)).status_code == 302
    assert client.post(URL, _data(tiny_mp3)).status_code == 429
    assert EpisodePage.objects.count() == 2


def test_closed_radio_closes_the_testimonies(client, portal_a, resident_a):
    portal_a.enabled_sections = [k for k in portal_a.enabled_sections if k != "radio"]
    portal_a.save()
    client.force_login(resident_a)
    assert client.get(URL).status_code == 404


def test_author_hears_when_broadcast_or_sent_back(
    client,
    portal_a,
    resident_a,
    animator_a,
    tiny_mp3,
    django_capture_on_commit_callbacks,
):
    client.force_login(resident_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, _data(tiny_mp3, title="Diffusé"))
        client.post(URL, _data(tiny_mp3, title="Renvoyé"))
    states = {
        e.title: WorkflowState.objects.get(object_id=str(e.pk))
        for e in EpisodePage.objects.all()
    }
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        states["Diffusé"].current_task_state.approve(user=animator_a)
        states["Renvoyé"].current_task_state.reject(
            user=animator_a, comment="On entend surtout le vent."
        )
    to_author = {
        m.subject.split("] ", 1)[-1]: m.body
        for m in mail.outbox
        if m.to == [resident_a.email]
    }
    broadcast = to_author["Votre témoignage « Diffusé » passe à la radio"]
    assert "/alpha/radio/temoignages/diffuse/" in broadcast
    sent_back = to_author["Votre témoignage « Renvoyé » : un mot de l'équipe"]
    assert "On entend surtout le vent." in sent_back
