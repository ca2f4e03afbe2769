"""The TV in the admin: sending a video, programmes, the video editor."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import rich_text

from quartiers.tv import selectors
from quartiers.tv.models import Programme, VideoPage
from quartiers.uploads.models import MediaAsset

from .conftest import WEBVTT

pytestmark = pytest.mark.django_db

PROGRAMMES = "/admin/snippets/tv/programme/"


def _upload_url(portal) -> str:
    return f"/admin/tv/{portal.pk}/ajouter/"


def _nothing_created():
    return (
        not MediaAsset.objects.exists()
        and not VideoPage.objects.exists()
        and not get_document_model().objects.exists()
    )


def _assert_refused_in_french(response, field: str) -> str:
    from html import unescape

    errors = response.context["form"].errors[field]
    assert errors and errors[0] in unescape(response.content.decode())
    return errors[0]


def test_animator_sends_a_video_and_lands_on_its_draft(
    staff_client, portal_a, animator_a, tiny_mp4, make_programme
):
    programme = make_programme(portal_a, "Portraits")
    client = staff_client(animator_a)
    response = client.post(
        _upload_url(portal_a),
        {
            "title": "La fresque du square",
            "video": SimpleUploadedFile("fresque.mp4", tiny_mp4, "video/mp4"),
            "programme": programme.pk,
            "captions": SimpleUploadedFile("fresque.vtt", WEBVTT.encode(), "text/vtt"),
            "captions_language": "fr",
        },
    )
    page = VideoPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert not page.live and page.owner == animator_a
    assert page.get_parent().pk == selectors.tv_of(portal_a).pk
    assert page.portal == portal_a and page.programme == programme
    assert page.video.portal == portal_a and page.video.kind == MediaAsset.VIDEO
    assert page.captions.collection_id == portal_a.collection_id
    assert page.captions_language == "fr"
    # The editor shows the file's preparation state.
    editor = client.get(f"/admin/pages/{page.pk}/edit/")
    assert editor.status_code == 200
    assert "Fichier vidéo" in editor.content.decode()


def test_captions_that_are_not_webvtt_are_refused(
    staff_client, portal_a, animator_a, tiny_mp4
):
    response = staff_client(animator_a).post(
        _upload_url(portal_a),
        {
            "title": "La fresque du square",
            "video": SimpleUploadedFile("fresque.mp4", tiny_mp4, "video/mp4"),
            "captions": SimpleUploadedFile(
                "fresque.vtt", b"1\n00:00:01,000 --> 00:00:02,000\nBonjour\n"
            ),
            "captions_language": "fr",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "WebVTT" in html and "WEBVTT" in html
    assert 'value="La fresque du square"' in html  # what was typed is kept
    assert _nothing_created()


def test_a_video_without_picture_is_refused(
    staff_client, portal_a, animator_a, sound_only_mp4
):
    response = staff_client(animator_a).post(
        _upload_url(portal_a),
        {
            "title": "Sans image",
            "video": SimpleUploadedFile("son.mp4", sound_only_mp4, "video/mp4"),
            "captions_language": "fr",
        },
    )
    assert response.status_code == 200
    assert "image" in _assert_refused_in_french(response, "video")
    assert _nothing_created()


def test_a_renamed_text_file_is_refused(staff_client, portal_a, animator_a):
    response = staff_client(animator_a).post(
        _upload_url(portal_a),
        {
            "title": "Faux film",
            "video": SimpleUploadedFile("film.mp4", b"ceci n'est pas une video"),
            "captions_language": "fr",
        },
    )
    assert response.status_code == 200
    _assert_refused_in_french(response, "video")
    assert _nothing_created()


def test_animator_of_another_portal_gets_404(
    staff_client, portal_a, animator_b, tiny_mp4
):
    client = staff_client(animator_b)
    assert client.get(_upload_url(portal_a)).status_code == 404
    response = client.post(
        _upload_url(portal_a),
        {
            "title": "Intrus",
            "video": SimpleUploadedFile("intrus.mp4", tiny_mp4, "video/mp4"),
            "captions_language": "fr",
        },
    )
    assert response.status_code == 404
    assert _nothing_created()


def test_residents_cannot_send_videos(client, portal_a, resident_a):
    client.force_login(resident_a)
    response = client.get(_upload_url(portal_a))
    # Signed-in people without admin access get the kind refusal page.
    assert response.status_code == 403
    assert "réservé à l'animation" in response.content.decode()


def test_upload_menu_goes_straight_to_the_animators_portal(
    staff_client, portal_a, animator_a
):
    response = staff_client(animator_a).get("/admin/tv/ajouter/")
    assert response.status_code == 302
    assert response["Location"] == _upload_url(portal_a)


def test_coordinator_chooses_the_portal(staff_client, portal_a, portal_b, coordinator):
    html = staff_client(coordinator).get("/admin/tv/ajouter/").content.decode()
    assert _upload_url(portal_a) in html and _upload_url(portal_b) in html


def test_adding_a_video_page_leads_to_the_upload_form(
    staff_client, portal_a, animator_a
):
    tv = selectors.tv_of(portal_a)
    response = staff_client(animator_a).get(f"/admin/pages/add/tv/videopage/{tv.pk}/")
    assert response.status_code == 302
    assert response["Location"] == _upload_url(portal_a)


def test_programmes_stay_in_the_animators_portal(
    staff_client, portal_a, portal_b, animator_a, make_programme
):
    make_programme(portal_a, "Portraits Alpha")
    other = make_programme(portal_b, "Portraits Bêta")
    client = staff_client(animator_a)
    html = client.get(PROGRAMMES).content.decode()
    assert "Portraits Alpha" in html and "Portraits Bêta" not in html
    assert client.get(f"{PROGRAMMES}edit/{other.pk}/").status_code == 404
    response = client.post(
        f"{PROGRAMMES}add/",
        {"portal": portal_b.pk, "title": "Intrus", "slug": "", "order": 0},
    )
    assert response.status_code == 200
    assert not Programme.objects.filter(title="Intrus").exists()


def test_programme_identifier_is_made_from_the_title(
    staff_client, portal_a, animator_a, make_programme
):
    make_programme(portal_a, "Ça bouge")
    response = staff_client(animator_a).post(
        f"{PROGRAMMES}add/",
        {"portal": portal_a.pk, "title": "Ça bouge", "slug": "", "description": "",
         "order": 1},
    )  # fmt: skip
    assert response.status_code == 302
    assert sorted(
        Programme.objects.filter(portal=portal_a).values_list("slug", flat=True)
    ) == ["ca-bouge", "ca-bouge-2"]


def _edit_data(page, **extra) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "programme": "",
        "description": rich_text("<p>Trois samedis de peinture.</p>"),
        "credits": "",
        "captions": "",
        "captions_language": "fr",
        "poster": "",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_a_video_not_ready_cannot_be_published(
    staff_client, portal_a, animator_a, make_video, make_asset
):
    video = make_video(
        portal_a,
        "En cours",
        asset=make_asset(portal_a, status=MediaAsset.PROCESSING),
        publish=False,
    )
    client = staff_client(animator_a)
    response = client.post(
        f"/admin/pages/{video.pk}/edit/",
        _edit_data(video, **{"action-publish": "action-publish"}),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "pas encore prête" in html
    video.refresh_from_db()
    assert not video.live
    # A draft can still be saved while the file is being prepared.
    response = client.post(
        f"/admin/pages/{video.pk}/edit/", _edit_data(video, credits="Images : Kevin")
    )
    assert response.status_code == 302
    video.refresh_from_db()
    assert video.get_latest_revision_as_object().credits == "Images : Kevin"


def test_no_other_way_publishes_an_unready_video(portal_a, make_video, make_asset):
    from quartiers.tv.models import NotReadyToPublish

    video = make_video(
        portal_a,
        "En cours",
        asset=make_asset(portal_a, status=MediaAsset.FAILED),
        publish=False,
    )
    with pytest.raises(NotReadyToPublish):
        video.get_latest_revision().publish()
    video.refresh_from_db()
    assert not video.live


def test_a_ready_video_is_published_from_the_editor(
    staff_client, portal_a, animator_a, make_video
):
    video = make_video(portal_a, "Prête", publish=False)
    response = staff_client(animator_a).post(
        f"/admin/pages/{video.pk}/edit/",
        _edit_data(video, **{"action-publish": "action-publish"}),
    )
    assert response.status_code == 302
    video.refresh_from_db()
    assert video.live


def test_editor_refuses_captions_that_are_not_webvtt(
    staff_client, portal_a, animator_a, make_video, captions_document
):
    video = make_video(portal_a, "Fresque", publish=False)
    bad = captions_document(content="Bonjour tout le monde", name="texte.vtt")
    response = staff_client(animator_a).post(
        f"/admin/pages/{video.pk}/edit/", _edit_data(video, captions=bad.pk)
    )
    assert response.status_code == 200
    assert "WEBVTT" in response.content.decode()


def test_editor_refuses_another_portals_documents_and_programmes(
    staff_client,
    portal_a,
    portal_b,
    coordinator,
    make_video,
    make_programme,
    captions_document,
):
    video = make_video(portal_a, "Fresque", publish=False)
    other_captions = captions_document(portal=portal_b)
    other_programme = make_programme(portal_b, "Portraits Bêta")
    response = staff_client(coordinator).post(
        f"/admin/pages/{video.pk}/edit/",
        _edit_data(video, captions=other_captions.pk, programme=other_programme.pk),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "appartient à un autre quartier" in html
    video.refresh_from_db()
    assert video.get_latest_revision_as_object().captions_id is None
