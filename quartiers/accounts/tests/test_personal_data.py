import io
import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from quartiers.accounts.models import Membership
from tests.factories import jpeg_with_gps_bytes

pytestmark = pytest.mark.django_db


def test_export_is_a_zip_with_everything_about_the_person(client, resident_a, portal_b):
    client.force_login(resident_a)
    client.post("/compte/profil/rejoindre/", {"portal": portal_b.pk})
    client.post(
        "/compte/profil/",
        {
            "display_name": "Awa",
            "bio": "",
            "avatar": SimpleUploadedFile("a.jpg", jpeg_with_gps_bytes()),
        },
    )

    response = client.post("/compte/mes-donnees/")

    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("mes-donnees.json"))
    assert data["compte"]["email"] == "habitant.alpha@example.org"
    assert {m["portail"] for m in data["compte"]["adhesions"]} == {
        "Quartier Alpha",
        "Quartier Bêta",
    }
    assert any(name.startswith("fichiers/") for name in archive.namelist())
    assert "habitant.beta@example.org" not in response.content.decode("latin-1")


def test_deletion_needs_an_explicit_confirmation(client, resident_a):
    client.force_login(resident_a)
    response = client.post("/compte/supprimer/", {"contributions": "remove"})
    assert response.status_code == 200
    assert "Cochez la case" in response.content.decode()
    assert get_user_model().objects.filter(pk=resident_a.pk).exists()


def test_deleting_the_account_ends_every_session_at_once(client, resident_a):
    other_device = Client()
    other_device.force_login(resident_a)
    client.force_login(resident_a)
    user_id = resident_a.pk

    response = client.post(
        "/compte/supprimer/", {"contributions": "keep", "confirm": "on"}
    )

    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=user_id).exists()
    assert not Membership.objects.filter(user_id=user_id).exists()
    assert other_device.get("/compte/profil/").status_code == 302
    assert client.get("/compte/profil/").status_code == 302
