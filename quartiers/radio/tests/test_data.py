"""Demo radio, personal data, and the content kind other apps read."""

import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from quartiers.portals.features import registry
from quartiers.radio import demo, personal_data
from quartiers.radio.models import EpisodePage, ScheduleSlot, ShowPage
from quartiers.uploads.models import MediaAsset

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(not shutil.which("ffmpeg"), reason="ffmpeg n'est pas installé")
def test_demo_radio_is_complete_and_seeding_twice_adds_nothing(client, portal_a):
    demo.seed_radio(portal_a)
    shows = ShowPage.objects.filter(portal=portal_a, live=True)
    assert shows.count() == 2
    for show in shows:
        episodes = EpisodePage.objects.child_of(show).live()
        assert episodes.count() >= 3
        assert all(e.audio.is_ready for e in episodes)
        assert ScheduleSlot.objects.filter(show=show).exists()
    counts = (
        ShowPage.objects.count(),
        EpisodePage.objects.count(),
        ScheduleSlot.objects.count(),
        MediaAsset.objects.count(),
    )
    demo.seed_radio(portal_a)
    assert counts == (
        ShowPage.objects.count(),
        EpisodePage.objects.count(),
        ScheduleSlot.objects.count(),
        MediaAsset.objects.count(),
    )
    html = client.get("/alpha/radio/").content.decode()
    assert "Les Voix du quartier" in html and "<table" in html


def test_demo_without_ffmpeg_still_makes_shows_and_schedule(
    portal_a, monkeypatch, caplog
):
    # Neither the system's ffmpeg nor the wheel's: uploads finds no tool.
    monkeypatch.setattr(demo, "media_tools_available", lambda: False)
    monkeypatch.setattr(demo, "_warned", False)
    demo.seed_radio(portal_a)
    assert ShowPage.objects.filter(portal=portal_a).count() == 2
    assert ScheduleSlot.objects.filter(portal=portal_a).count() == 4
    assert not EpisodePage.objects.exists()
    assert "ffmpeg est introuvable" in caplog.text


def test_personal_data_exports_and_erases_testimonies(
    client, portal_a, resident_a, animator_a, tiny_mp3
):
    client.force_login(resident_a)
    for title in ("Publié", "En attente"):
        client.post(
            "/alpha/participer/temoignage/",
            {
                "title": title,
                "consent": "on",
                "audio": SimpleUploadedFile("t.mp3", tiny_mp3, "audio/mpeg"),
            },
        )
    published = EpisodePage.objects.get(title="Publié")
    MediaAsset.objects.filter(pk=published.audio_id).update(
        status=MediaAsset.READY, audio_size=len(tiny_mp3), audio_file="x.mp3"
    )
    published.get_latest_revision().publish(user=animator_a)

    exported = personal_data.export_testimonies(resident_a)["temoignages_sonores"]
    assert {item["titre"] for item in exported} == {"Publié", "En attente"}
    assert all(item["accord_de_diffusion_le"] for item in exported)
    assert len(personal_data.testimony_files(resident_a)) == 2

    personal_data.erase_testimonies(resident_a, keep_contributions=True)
    published.refresh_from_db()
    assert published.live and published.contributor is None
    assert not EpisodePage.objects.filter(title="En attente").exists()
    assert MediaAsset.objects.count() == 1


def test_erasing_everything_removes_published_testimonies_too(
    client, portal_a, resident_a, tiny_mp3
):
    client.force_login(resident_a)
    client.post(
        "/alpha/participer/temoignage/",
        {
            "title": "À effacer",
            "consent": "on",
            "audio": SimpleUploadedFile("t.mp3", tiny_mp3, "audio/mpeg"),
        },
    )
    personal_data.erase_testimonies(resident_a, keep_contributions=False)
    assert not EpisodePage.objects.exists() and not MediaAsset.objects.exists()


def test_episode_kind_exposes_published_episodes_with_their_sound(
    portal_a, portal_b, make_show, make_episode, django_assert_max_num_queries
):
    kind = registry.content_kind("episode")
    assert kind is not None and kind.section_key == "radio"
    show = make_show(portal_a, "Les Voix du quartier", hosts="Fatou")
    episode = make_episode(show, "Le marché")
    make_episode(show, "Brouillon", publish=False)
    make_episode(make_show(portal_b, "Chez Bêta"), "Ailleurs")
    with django_assert_max_num_queries(4):
        items = [kind.to_item(e) for e in kind.published(portal_a)]
    assert [item.title for item in items] == ["Le marché"]
    item = items[0]
    assert item.url == "/alpha/radio/les-voix-du-quartier/le-marche/"
    assert item.portal == portal_a and item.author == "Fatou"
    assert item.extra["media_url"] == episode.audio.audio_url
    assert item.extra["media_type"] == "audio/mpeg"
    assert item.extra["media_length"] == episode.audio.audio_size
    assert item.extra["duration"] == 125
    everywhere = {e.title for e in kind.published(None)}
    assert everywhere == {"Le marché", "Ailleurs"}


def test_episodes_are_searchable(portal_a, make_show, make_episode):
    show = make_show(portal_a)
    make_episode(show, "Le marché", transcript="On parle des tomates du jardin.")
    make_episode(show, "La rentrée", description="<p>Les associations.</p>")
    found = EpisodePage.objects.live().filter(portal=portal_a).search("tomates")
    assert [e.title for e in found] == ["Le marché"]
