import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from quartiers.accounts.models import Membership
from tests.factories import jpeg_with_gps_bytes

pytestmark = pytest.mark.django_db


def test_profile_shows_the_persons_portals(client, resident_a):
    client.force_login(resident_a)
    html = client.get("/compte/profil/").content.decode()
    assert "Quartier Alpha" in html
    assert "Habitant·e" in html


def test_profile_photo_is_stored_without_exif_or_gps(client, resident_a):
    client.force_login(resident_a)
    photo = SimpleUploadedFile(
        "moi.jpg", jpeg_with_gps_bytes(), content_type="image/jpeg"
    )
    with Image.open(SimpleUploadedFile("x.jpg", jpeg_with_gps_bytes())) as original:
        assert original.getexif().get(0x8825)  # the test photo does carry GPS

    response = client.post(
        "/compte/profil/",
        {"display_name": "Awa", "bio": "Je fais du jardinage.", "avatar": photo},
    )
    assert response.status_code == 302
    resident_a.refresh_from_db()
    assert resident_a.display_name == "Awa"
    with resident_a.avatar.open("rb") as handle, Image.open(handle) as stored:
        assert not stored.getexif()
        assert stored.format == "JPEG"
    assert "moi" not in resident_a.avatar.name


def test_a_pdf_renamed_jpg_is_refused_and_the_form_keeps_the_text(client, resident_a):
    client.force_login(resident_a)
    fake = SimpleUploadedFile(
        "photo.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg"
    )
    response = client.post(
        "/compte/profil/", {"display_name": "Awa", "bio": "Mon texte", "avatar": fake}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "pas une photo lisible" in html
    assert "Mon texte" in html
    resident_a.refresh_from_db()
    assert not resident_a.avatar


def test_a_too_heavy_photo_is_refused(client, resident_a, settings):
    settings.QUARTIERS_AVATAR_MAX_BYTES = 1000
    client.force_login(resident_a)
    photo = SimpleUploadedFile(
        "big.jpg", jpeg_with_gps_bytes((400, 400)), content_type="image/jpeg"
    )
    response = client.post(
        "/compte/profil/", {"display_name": "", "bio": "", "avatar": photo}
    )
    assert "trop lourde" in response.content.decode()


def test_resident_joins_another_portal(client, resident_a, portal_b):
    client.force_login(resident_a)
    response = client.post("/compte/profil/rejoindre/", {"portal": portal_b.pk})
    assert response.status_code == 302
    assert (
        Membership.objects.get(user=resident_a, portal=portal_b).role
        == Membership.RESIDENT
    )


def test_joining_a_portal_that_does_not_exist_is_a_clear_400(client, resident_a):
    client.force_login(resident_a)
    response = client.post("/compte/profil/rejoindre/", {"portal": "abc"})
    assert response.status_code == 400
    assert "existe pas" in response.content.decode()


def test_profile_requires_login(client):
    response = client.get("/compte/profil/")
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")
