"""A resident proposes an article; the animator coaches, asks for changes, publishes or refuses."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.models import WorkflowState

from quartiers.newsroom.models import ArticlePage, Submission
from tests.factories import jpeg_with_gps_bytes

pytestmark = pytest.mark.django_db

URL = "/alpha/participer/proposer/"


def _post(client, data, files=None):
    payload = {"title": "", "text": "", "photo_consent": "not_needed", **data}
    if files:
        payload.update(files)
    return client.post(URL, payload)


def _workflow_state(page):
    return WorkflowState.objects.filter(object_id=str(page.pk)).order_by("-pk").first()


def test_visitor_is_sent_to_login(client, portal_a):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_resident_saves_a_draft_and_comes_back(client, resident_a, portal_a):
    client.force_login(resident_a)
    response = _post(
        client,
        {
            "title": "Le marché du samedi",
            "text": "Il manque des bénévoles.",
            "brouillon": "1",
        },
    )
    submission = Submission.objects.get(author=resident_a)
    assert response.status_code == 302
    assert response["Location"] == f"/alpha/participer/proposer/{submission.pk}/"
    assert submission.status == Submission.DRAFT
    assert not submission.page.live
    assert "Le marché du samedi" not in client.get("/alpha/journal/").content.decode()

    form = client.get(response["Location"]).content.decode()
    assert "Le marché du samedi" in form and "Il manque des bénévoles." in form


def test_sending_starts_the_review_and_tells_the_animators(
    client, resident_a, portal_a, django_capture_on_commit_callbacks
):
    client.force_login(resident_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(
            client,
            {
                "title": "Portrait d'Awa",
                "text": "Awa coud.\n\nElle enseigne.",
                "envoyer": "1",
            },
        )
    assert response.status_code == 302
    submission = Submission.objects.get(author=resident_a)
    assert submission.status == Submission.IN_REVIEW
    assert _workflow_state(submission.page).status == WorkflowState.STATUS_IN_PROGRESS
    recipients = {address for message in mail.outbox for address in message.to}
    assert "animation.alpha@example.org" in recipients
    assert "animation.beta@example.org" not in recipients
    mine = client.get("/alpha/participer/mes-contributions/").content.decode()
    assert "Portrait d" in mine and "en relecture" in mine


def test_changes_requested_then_resubmitted_then_published(
    client, resident_a, animator_a, portal_a, django_capture_on_commit_callbacks
):
    client.force_login(resident_a)
    _post(client, {"title": "La kermesse", "text": "Samedi à l'école.", "envoyer": "1"})
    submission = Submission.objects.get(author=resident_a)

    with django_capture_on_commit_callbacks(execute=True):
        _workflow_state(submission.page).current_task_state.reject(
            user=animator_a, comment="Ajoute l'heure, s'il te plaît."
        )
    submission.refresh_from_db()
    assert submission.status == Submission.CHANGES_REQUESTED
    assert submission.animator_message == "Ajoute l'heure, s'il te plaît."
    assert any(
        "La kermesse" in m.subject and resident_a.email in m.to for m in mail.outbox
    )
    page = client.get("/alpha/participer/mes-contributions/").content.decode()
    assert "à retravailler" in page and "Ajoute l&#x27;heure" in page

    response = client.post(
        f"/alpha/participer/proposer/{submission.pk}/",
        {
            "title": "La kermesse",
            "text": "Samedi à 14 h à l'école.",
            "photo_consent": "not_needed",
            "envoyer": "1",
        },
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.IN_REVIEW

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _workflow_state(submission.page).current_task_state.approve(user=animator_a)
    submission.refresh_from_db()
    assert submission.status == Submission.PUBLISHED
    assert ArticlePage.objects.get(pk=submission.page_id).live
    assert "Samedi à 14 h" in client.get(submission.page.url).content.decode()
    assert any("publié" in m.subject for m in mail.outbox)


def test_animator_refuses_with_a_reason_the_author_reads(
    client,
    staff_client,
    resident_a,
    animator_a,
    animator_b,
    portal_a,
    django_capture_on_commit_callbacks,
):
    client.force_login(resident_a)
    _post(
        client,
        {
            "title": "Pub pour mon garage",
            "text": "Promo sur les pneus.",
            "envoyer": "1",
        },
    )
    submission = Submission.objects.get(author=resident_a)

    other = staff_client(animator_b)
    assert (
        other.get(f"/admin/journal/propositions/{submission.pk}/refuser/").status_code
        == 404
    )
    other.logout()

    admin = staff_client(animator_a)
    empty = admin.post(
        f"/admin/journal/propositions/{submission.pk}/refuser/", {"reason": ""}
    )
    assert empty.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(
            f"/admin/journal/propositions/{submission.pk}/refuser/",
            {
                "reason": "Le journal ne publie pas de publicité ; essayez les petites annonces."
            },
        )
    submission.refresh_from_db()
    assert submission.status == Submission.REFUSED
    assert _workflow_state(submission.page).status == WorkflowState.STATUS_CANCELLED
    assert any(
        "petites annonces" in m.body and resident_a.email in m.to for m in mail.outbox
    )


def test_photos_are_stored_without_gps_and_need_a_description(
    client, resident_a, portal_a
):
    client.force_login(resident_a)
    photo = SimpleUploadedFile(
        "IMG_2024.jpg", jpeg_with_gps_bytes(), content_type="image/jpeg"
    )
    missing_alt = _post(
        client,
        {"title": "Jardin", "text": "Les tomates.", "brouillon": "1"},
        {"photos": photo},
    )
    assert missing_alt.status_code == 400
    assert "Décrivez en une phrase" in missing_alt.content.decode()
    assert "Les tomates." in missing_alt.content.decode()

    photo = SimpleUploadedFile(
        "IMG_2024.jpg", jpeg_with_gps_bytes(), content_type="image/jpeg"
    )
    _post(
        client,
        {
            "title": "Jardin",
            "text": "Les tomates.",
            "photo_alt": "Des tomates",
            "brouillon": "1",
        },
        {"photos": photo},
    )
    page = Submission.objects.get(
        author=resident_a
    ).page.get_latest_revision_as_object()
    image = [b.value["image"] for b in page.body if b.block_type == "image"][0]
    assert image.alt_text == "Des tomates"
    assert image.collection_id == portal_a.collection_id
    with image.file.open("rb") as handle, Image.open(handle) as stored:
        assert not stored.getexif()


@pytest.mark.parametrize(
    "data, files, message",
    [
        ({"title": "", "text": "Du texte"}, None, "Donnez un titre"),
        ({"title": "Long", "text": "a" * 200_000}, None, "trop long"),
        (
            {"title": "PDF", "text": "x", "photo_alt": "x"},
            {
                "photos": SimpleUploadedFile(
                    "photo.jpg", b"%PDF-1.7 faux", content_type="image/jpeg"
                )
            },
            "pas une photo lisible",
        ),
        (
            {"title": "Son", "text": "x"},
            {
                "audio": SimpleUploadedFile(
                    "voix.exe", b"MZ\x90\x00", content_type="audio/mpeg"
                )
            },
            "accepté pour un son",
        ),
    ],
    ids=["empty-title", "200k-text", "pdf-renamed-jpg", "exe-as-audio"],
)
def test_bad_input_gets_a_plain_message_and_keeps_the_text(
    client, resident_a, portal_a, data, files, message
):
    client.force_login(resident_a)
    response = _post(client, {**data, "brouillon": "1"}, files)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    if data["text"] and len(data["text"]) < 1000:
        assert data["text"] in html
    assert not Submission.objects.filter(author=resident_a).exists()


def test_a_photo_over_the_size_limit_is_refused(client, resident_a, portal_a, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 500
    client.force_login(resident_a)
    photo = SimpleUploadedFile(
        "grosse.jpg", jpeg_with_gps_bytes((300, 300)), content_type="image/jpeg"
    )
    response = _post(
        client,
        {"title": "T", "text": "x", "photo_alt": "x", "brouillon": "1"},
        {"photos": photo},
    )
    assert "trop lourde" in response.content.decode()


def test_more_than_four_photos_are_refused(client, resident_a, portal_a):
    client.force_login(resident_a)
    photos = [
        SimpleUploadedFile(
            f"p{n}.jpg", jpeg_with_gps_bytes(), content_type="image/jpeg"
        )
        for n in range(5)
    ]
    response = _post(
        client,
        {"title": "T", "text": "x", "photo_alt": "x", "brouillon": "1"},
        {"photos": photos},
    )
    assert "4 photos au plus" in response.content.decode()


def test_script_in_a_submission_never_reaches_the_article(
    client, resident_a, animator_a, portal_a
):
    client.force_login(resident_a)
    _post(
        client,
        {
            "title": "XSS",
            "text": '<script>alert(1)</script><img src=x onerror=alert(1)> <a href="javascript:alert(1)">x</a>',
            "envoyer": "1",
        },
    )
    submission = Submission.objects.get(author=resident_a)
    _workflow_state(submission.page).current_task_state.approve(user=animator_a)
    html = client.get(
        ArticlePage.objects.get(pk=submission.page_id).url
    ).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert '<a href="javascript:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text, harmless


def test_someone_elses_draft_answers_404(client, resident_a, portal_a):
    from tests.factories import png_bytes  # noqa: F401

    client.force_login(resident_a)
    _post(client, {"title": "Mon brouillon", "text": "x", "brouillon": "1"})
    submission = Submission.objects.get(author=resident_a)
    from django.contrib.auth import get_user_model

    intruder = get_user_model().objects.get(email="partenaire.alpha@example.org")
    client.force_login(intruder)
    assert client.get(f"/alpha/participer/proposer/{submission.pk}/").status_code == 404
    assert (
        client.post(
            f"/alpha/participer/proposer/{submission.pk}/",
            {"title": "Volé", "text": "x", "brouillon": "1"},
        ).status_code
        == 404
    )
    assert (
        "Mon brouillon"
        not in client.get("/alpha/participer/mes-contributions/").content.decode()
    )


def test_a_submission_is_not_reachable_through_another_portal(
    client, resident_a, resident_b, portal_a, portal_b
):
    client.force_login(resident_a)
    _post(client, {"title": "Chez Alpha", "text": "x", "brouillon": "1"})
    submission = Submission.objects.get(author=resident_a)
    assert client.get(f"/beta/participer/proposer/{submission.pk}/").status_code == 404


def test_non_member_is_invited_to_join_first(client, resident_b, portal_a):
    client.force_login(resident_b)
    page = client.get(URL).content.decode()
    assert "rejoignez d" in page.lower()
    response = _post(client, {"title": "T", "text": "x", "brouillon": "1"})
    assert response.status_code == 400
    assert not Submission.objects.filter(author=resident_b).exists()


def test_submissions_are_rate_limited(client, resident_a, portal_a, settings):
    settings.QUARTIERS_RATE_LIMITS = {
        **settings.QUARTIERS_RATE_LIMITS,
        "submission": (2, 3600),
    }
    from django.core.cache import cache

    cache.clear()
    client.force_login(resident_a)
    statuses = [
        _post(client, {"title": f"T{n}", "text": "x", "brouillon": "1"}).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]
