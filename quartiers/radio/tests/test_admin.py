"""The radio in the admin: episodes and their sound, the schedule, the stream."""

from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.test.utils.form_data import rich_text

from quartiers.radio import selectors, services
from quartiers.radio.models import (
    EpisodePage,
    NotReadyToPublish,
    RadioSettings,
    ScheduleSlot,
)
from quartiers.uploads.models import MediaAsset

pytestmark = pytest.mark.django_db

UPLOAD = "/admin/radio/episodes/ajouter/"
SLOTS = "/admin/snippets/radio/scheduleslot/"
SETTINGS = "/admin/snippets/radio/radiosettings/"


@pytest.fixture
def show(portal_a, make_show):
    return make_show(portal_a, "Les Voix du quartier")


def _mp3(tiny_mp3, name="episode.mp3"):
    return SimpleUploadedFile(name, tiny_mp3, "audio/mpeg")


def test_animator_sends_an_episode_and_lands_on_its_draft(
    staff_client, portal_a, animator_a, show, tiny_mp3
):
    client = staff_client(animator_a)
    assert "Les Voix du quartier" in client.get(UPLOAD).content.decode()
    response = client.post(
        UPLOAD, {"show": show.pk, "title": "Le marché", "audio": _mp3(tiny_mp3)}
    )
    episode = EpisodePage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{episode.pk}/edit/"
    assert not episode.live and episode.owner == animator_a
    assert episode.get_parent().pk == show.pk and episode.show_id == show.pk
    assert episode.audio.portal == portal_a and episode.audio.kind == "audio"
    editor = client.get(f"/admin/pages/{episode.pk}/edit/").content.decode()
    assert "Son de l&#x27;épisode" in editor or "Son de l'épisode" in editor
    assert "media-status" in editor
    assert f"/admin/radio/episodes/{episode.pk}/son/" in editor


def test_upload_refuses_bad_sound_and_other_portals_shows(
    staff_client, portal_a, portal_b, animator_a, show, make_show, tiny_mp3
):
    client = staff_client(animator_a)
    other = make_show(portal_b, "Chez Bêta")
    assert "Chez Bêta" not in client.get(UPLOAD).content.decode()
    response = client.post(
        UPLOAD, {"show": other.pk, "title": "Intrus", "audio": _mp3(tiny_mp3)}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["show"]
    response = client.post(
        UPLOAD,
        {
            "show": show.pk,
            "title": "Faux son",
            "audio": SimpleUploadedFile("faux.mp3", b"pas un son " * 50),
        },
    )
    error = response.context["form"].errors["audio"][0]
    assert error in unescape(response.content.decode())
    assert 'value="Faux son"' in response.content.decode()
    assert not EpisodePage.objects.exists() and not MediaAsset.objects.exists()


def test_adding_an_episode_page_leads_to_the_upload_form(
    staff_client, animator_a, show
):
    response = staff_client(animator_a).get(
        f"/admin/pages/add/radio/episodepage/{show.pk}/"
    )
    assert response.status_code == 302
    assert response["Location"] == f"{UPLOAD}?emission={show.pk}"


def _edit_data(page, **extra) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "description": rich_text("<p>Reportage au marché.</p>"),
        "transcript": "",
        "season_number": "",
        "episode_number": "",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "chapters-TOTAL_FORMS": "0",
        "chapters-INITIAL_FORMS": "0",
        "chapters-MIN_NUM_FORMS": "0",
        "chapters-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_an_episode_not_ready_cannot_be_published_from_the_editor(
    staff_client, portal_a, animator_a, show, make_episode, make_asset
):
    episode = make_episode(
        show,
        "En cours",
        asset=make_asset(portal_a, status=MediaAsset.PROCESSING),
        publish=False,
    )
    client = staff_client(animator_a)
    url = f"/admin/pages/{episode.pk}/edit/"
    response = client.post(url, _edit_data(episode, **{"action-publish": "1"}))
    assert response.status_code == 200
    assert "pas encore prêt" in response.content.decode()
    episode.refresh_from_db()
    assert not episode.live
    # A draft can be saved meanwhile, chapters included.
    response = client.post(
        url,
        _edit_data(
            episode,
            **{
                "chapters-TOTAL_FORMS": "1",
                "chapters-0-start": "1:30",
                "chapters-0-title": "Au marché",
                "chapters-0-ORDER": "1",
                "chapters-0-id": "",
            },
        ),
    )
    assert response.status_code == 302
    latest = EpisodePage.objects.get(pk=episode.pk).get_latest_revision_as_object()
    assert [c.title for c in latest.chapters.all()] == ["Au marché"]


def test_a_bad_chapter_time_is_refused(staff_client, animator_a, show, make_episode):
    episode = make_episode(show, "Prêt", publish=False)
    response = staff_client(animator_a).post(
        f"/admin/pages/{episode.pk}/edit/",
        _edit_data(
            episode,
            **{
                "chapters-TOTAL_FORMS": "1",
                "chapters-0-start": "demain",
                "chapters-0-title": "Au marché",
                "chapters-0-ORDER": "1",
                "chapters-0-id": "",
            },
        ),
    )
    assert response.status_code == 200
    assert "minutes:secondes" in response.content.decode()


def test_a_ready_episode_is_published_from_the_editor(
    staff_client, animator_a, show, make_episode
):
    episode = make_episode(show, "Prêt", publish=False)
    response = staff_client(animator_a).post(
        f"/admin/pages/{episode.pk}/edit/",
        _edit_data(episode, **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.live


def test_no_other_way_publishes_an_unready_episode(
    portal_a, show, make_episode, make_asset
):
    episode = make_episode(
        show, "Raté", asset=make_asset(portal_a, status="failed"), publish=False
    )
    with pytest.raises(NotReadyToPublish):
        episode.get_latest_revision().publish()
    episode.refresh_from_db()
    assert not episode.live


def test_sound_is_replaced_in_a_new_draft(
    staff_client, portal_a, animator_a, animator_b, show, make_episode, tiny_mp3
):
    episode = make_episode(show, "Le marché")
    old = episode.audio_id
    url = f"/admin/radio/episodes/{episode.pk}/son/"
    assert staff_client(animator_b).get(url).status_code == 404
    response = staff_client(animator_a).post(url, {"audio": _mp3(tiny_mp3)})
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.audio_id == old  # the published version keeps its sound
    latest = episode.get_latest_revision_as_object()
    assert latest.audio_id != old and latest.audio.portal == portal_a


def test_show_artwork_too_small_is_refused_in_the_editor(
    staff_client, portal_a, animator_a, show
):
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image

    from quartiers.uploads.models import PortalImage

    buffer = BytesIO()
    Image.new("RGB", (600, 600), "#047857").save(buffer, format="PNG")
    small = PortalImage(
        title="Petit",
        file=ImageFile(BytesIO(buffer.getvalue()), name="petit.png"),
        collection=portal_a.collection,
    )
    small.save()
    response = staff_client(animator_a).post(
        f"/admin/pages/{show.pk}/edit/",
        {
            "title": show.title,
            "slug": show.slug,
            "presentation": rich_text("<p>Le magazine.</p>"),
            "hosts": "",
            "artwork": small.pk,
            "podcast_category": "News",
            "language": "fr",
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert "600 × 600" in response.content.decode()


# The schedule and the stream, as snippets ----------------------------------


def _slot(portal, show, **fields):
    data = {
        "portal": portal.pk,
        "show": show.pk,
        "weekday": 2,
        "start_time": "18:00",
        "end_time": "19:00",
        "note": "",
    }
    data.update(fields)
    return data


def test_overlapping_slot_is_refused_in_the_admin(
    staff_client, portal_a, animator_a, show, make_show
):
    client = staff_client(animator_a)
    assert client.post(f"{SLOTS}add/", _slot(portal_a, show)).status_code == 302
    other = make_show(portal_a, "Musiques d'ici")
    response = client.post(
        f"{SLOTS}add/", _slot(portal_a, other, start_time="18:30", end_time="20:00")
    )
    assert response.status_code == 200
    assert "chevauche" in response.content.decode()
    assert ScheduleSlot.objects.count() == 1


def test_schedule_stays_in_the_animators_portal(
    staff_client, portal_a, portal_b, animator_a, show, make_show
):
    other_show = make_show(portal_b, "Chez Bêta")
    other = services.schedule_slot_create(
        portal=portal_b,
        actor=None,
        show_id=other_show.pk,
        weekday=1,
        start_time="10:00",
        end_time="11:00",
    )
    client = staff_client(animator_a)
    assert "Chez Bêta" not in client.get(SLOTS).content.decode()
    assert client.get(f"{SLOTS}edit/{other.pk}/").status_code == 404
    response = client.post(f"{SLOTS}add/", _slot(portal_a, other_show))
    assert response.status_code == 200
    response = client.post(f"{SLOTS}add/", _slot(portal_b, show))
    assert response.status_code == 200
    assert ScheduleSlot.objects.filter(portal=portal_a).count() == 0


def test_stream_settings_refuse_non_http_and_warn_when_icecast_is_silent(
    staff_client, portal_a, animator_a, settings
):
    settings.QUARTIERS_ICECAST_HOSTS = ["127.0.0.1:9"]
    client = staff_client(animator_a)
    response = client.post(
        f"{SETTINGS}add/",
        {
            "portal": portal_a.pk,
            "stream_url": "rtmp://radio.example.org/alpha",
            "status_url": "",
        },
    )
    assert response.status_code == 200
    assert "http://" in response.content.decode()
    response = client.post(
        f"{SETTINGS}add/",
        {
            "portal": portal_a.pk,
            "stream_url": "http://127.0.0.1:9/alpha.mp3",
            "status_url": "",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "ne répond pas" in response.content.decode()
    settings = RadioSettings.objects.get(portal=portal_a)
    assert settings.effective_status_url == "http://127.0.0.1:9/status-json.xsl"
    assert selectors.live_stream(portal_a)["stream"].on_air is False


@pytest.mark.parametrize(
    "status_url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.1:5432/",
        "http://intranet.example.org:8000/status-json.xsl",
    ],
)
def test_stream_settings_form_refuses_a_status_address_off_the_icecast_hosts(
    staff_client, portal_a, animator_a, status_url, settings
):
    settings.QUARTIERS_ICECAST_HOSTS = ["127.0.0.1:8000"]
    response = staff_client(animator_a).post(
        f"{SETTINGS}add/",
        {
            "portal": portal_a.pk,
            "stream_url": "https://radio.example.org/alpha.mp3",
            "status_url": status_url,
        },
    )
    assert response.status_code == 200
    assert "serveurs Icecast déclarés" in unescape(response.content.decode())
    assert not RadioSettings.objects.filter(portal=portal_a).exists()


def test_residents_do_not_reach_the_radio_admin(client, resident_a):
    client.force_login(resident_a)
    for url in (UPLOAD, SLOTS, "/admin/radio/episodes/1/son/"):
        response = client.get(url)
        assert response.status_code == 403
        assert "réservé à l'animation" in response.content.decode()


BIG = "99999999999999999999"


@pytest.mark.parametrize(
    "url",
    [
        f"/admin/radio/episodes/{BIG}/son/",
        f"{UPLOAD}?emission={BIG}",
        f"{UPLOAD}?emission=abc",
        f"{SLOTS}edit/{BIG}/",
        f"/alpha/participer/temoignage/envoye/{BIG}/",
        f"/alpha/radio/?page={BIG}",
        "/alpha/radio/les-voix-du-quartier/?page=-1",
    ],
)
def test_malformed_requests_never_produce_a_500(staff_client, coordinator, show, url):
    client = staff_client(coordinator)
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        assert response.status_code < 500, (method, url, response.status_code)


def test_upload_with_an_absurd_show_id_is_refused(staff_client, animator_a, show):
    response = staff_client(animator_a).post(UPLOAD, {"show": BIG, "title": "Intrus"})
    assert response.status_code == 200
    assert response.context["form"].errors["show"]


def test_slot_with_absurd_ids_is_refused(staff_client, portal_a, animator_a, show):
    client = staff_client(animator_a)
    for field in ("show", "portal"):
        response = client.post(f"{SLOTS}add/", {**_slot(portal_a, show), field: BIG})
        assert response.status_code == 200
    response = client.post(
        "/admin/snippets/radio/scheduleexception/add/",
        {"portal": portal_a.pk, "slot": BIG, "date": "2027-03-03", "kind": "cancelled"},
    )
    assert response.status_code == 200
    response = client.post(f"{SETTINGS}add/", {"portal": BIG, "stream_url": ""})
    assert response.status_code == 200
    assert not ScheduleSlot.objects.exists()


def test_editors_preview_the_radio_pages(
    staff_client, portal_a, animator_a, show, make_episode
):
    episode = make_episode(
        show, "Le marché", chapters=[("0:00", "Début")], transcript="Bonjour."
    )
    radio = selectors.radio_of(portal_a)
    client = staff_client(animator_a)
    for page in (radio, show, episode):
        response = client.get(f"/admin/pages/{page.pk}/view_draft/")
        assert response.status_code == 200, page
    assert "Le marché" in response.content.decode()


def test_editors_preview_a_new_show(staff_client, portal_a, animator_a):
    radio = selectors.radio_of(portal_a)
    client = staff_client(animator_a)
    url = f"/admin/pages/add/radio/showpage/{radio.pk}/preview/"
    data = {
        "title": "Nouvelle émission",
        "slug": "nouvelle-emission",
        "presentation": rich_text("<p>Bientôt.</p>"),
        "hosts": "",
        "artwork": "",
        "podcast_category": "News",
        "language": "fr",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    assert client.post(url, data).json()["is_valid"]
    response = client.get(url)
    assert response.status_code == 200
    assert "Nouvelle émission" in response.content.decode()


def test_an_unsaved_episodes_preview_knows_its_show(show):
    """The editor previews an episode before it is saved: its show is the
    page it is being created under."""
    from quartiers.radio.models import EpisodePage

    draft = EpisodePage(
        title="Brouillon", path=show.path + "0001", depth=show.depth + 1
    )
    assert selectors.show_of_episode(draft) == show
    assert selectors.show_of_episode(EpisodePage(title="Sans parent")) is None
