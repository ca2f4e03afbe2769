"""A partner account edits the profile it manages from the site, nothing else."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from quartiers.directory.models import LocalActor
from tests.factories import jpeg_with_gps_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_a(db):
    return get_user_model().objects.get(email="partenaire.alpha@example.org")


def _form(**overrides):
    data = {
        "name": "Maison de quartier Alpha",
        "kind": "association",
        "description": "Accueil et ateliers.",
        "address": "2 place du Marché",
        "postcode": "93000",
        "town": "Bobigny",
        "latitude": "",
        "longitude": "",
        "opening_hours": "Lundi au vendredi",
        "phone": "01 39 90 12 34",
        "email": "",
        "website": "",
        "facebook_url": "",
        "instagram_url": "",
        "mastodon_url": "",
        "logo_alt": "",
    }
    data.update(overrides)
    return data


def test_partner_edits_its_own_actor(client, portal_a, partner_a, make_actor):
    actor = make_actor(portal_a, "Maison de quartier Alpha")
    actor.managers.add(partner_a)
    client.force_login(partner_a)

    page = client.get(f"/alpha/acteurs/{actor.slug}/")
    assert "Modifier la fiche" in page.content.decode()
    assert client.get(f"/alpha/acteurs/{actor.slug}/modifier/").status_code == 200
    response = client.post(
        f"/alpha/acteurs/{actor.slug}/modifier/",
        _form(
            opening_hours="Mardi : 14 h – 18 h",
            latitude="48,907712",
            longitude="2.439701",
            website="https://maison.example.org",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == f"/alpha/acteurs/{actor.slug}/"
    actor.refresh_from_db()
    assert actor.opening_hours == "Mardi : 14 h – 18 h"
    assert str(actor.latitude) == "48.90771"
    assert actor.website == "https://maison.example.org"
    assert actor.status == LocalActor.PUBLISHED
    assert actor.slug == "maison-de-quartier-alpha"


def test_partner_cannot_edit_another_actor(
    client, portal_a, portal_b, partner_a, make_actor
):
    own = make_actor(portal_a, "Maison de quartier Alpha")
    own.managers.add(partner_a)
    other = make_actor(portal_a, "Club de football")
    elsewhere = make_actor(portal_b, "Maison de quartier Bêta")
    elsewhere.managers.add(partner_a)
    client.force_login(partner_a)

    assert client.get(f"/alpha/acteurs/{other.slug}/modifier/").status_code == 404
    assert (
        client.post(
            f"/alpha/acteurs/{other.slug}/modifier/", _form(name="Piraté")
        ).status_code
        == 404
    )
    assert client.get(f"/alpha/acteurs/{elsewhere.slug}/modifier/").status_code == 404
    other.refresh_from_db()
    assert other.name == "Club de football"


def test_resident_gets_404_and_visitor_is_sent_to_login(
    client, portal_a, resident_a, make_actor
):
    actor = make_actor(portal_a, "Maison de quartier Alpha")
    url = f"/alpha/acteurs/{actor.slug}/modifier/"
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")
    client.force_login(resident_a)
    assert client.get(url).status_code == 404
    assert (
        "Modifier la fiche"
        not in client.get(f"/alpha/acteurs/{actor.slug}/").content.decode()
    )


def test_bad_input_is_refused_in_french_and_kept(
    client, portal_a, partner_a, make_actor
):
    actor = make_actor(portal_a, "Maison de quartier Alpha")
    actor.managers.add(partner_a)
    client.force_login(partner_a)

    response = client.post(
        f"/alpha/acteurs/{actor.slug}/modifier/",
        _form(
            latitude="40.7128",
            longitude="-74.0060",
            phone="zéro un vingt-trois",
            website="pas une adresse",
            opening_hours="Horaires tapés par le partenaire",
        ),
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Ces coordonnées ne sont pas en France" in html
    assert "numéro de téléphone avec des chiffres" in html
    assert "adresse web n&#x27;est pas valide" in html
    assert "Horaires tapés par le partenaire" in html
    assert 'value="zéro un vingt-trois"' in html
    assert 'value="40.7128"' in html
    actor.refresh_from_db()
    assert actor.phone == ""
    assert actor.latitude is None


def test_logo_goes_through_the_photo_check_and_loses_its_gps(
    client, portal_a, partner_a, make_actor
):
    actor = make_actor(portal_a, "Maison de quartier Alpha")
    actor.managers.add(partner_a)
    client.force_login(partner_a)

    broken = client.post(
        f"/alpha/acteurs/{actor.slug}/modifier/",
        {**_form(), "logo_file": SimpleUploadedFile("logo.png", b"pas une image")},
    )
    assert broken.status_code == 400
    assert "pas une photo lisible" in broken.content.decode()

    response = client.post(
        f"/alpha/acteurs/{actor.slug}/modifier/",
        {
            **_form(logo_alt="Un arbre vert"),
            "logo_file": SimpleUploadedFile(
                "logo.jpg", jpeg_with_gps_bytes(), content_type="image/jpeg"
            ),
        },
    )
    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.logo.collection_id == portal_a.collection_id
    assert actor.logo.alt_text == "Un arbre vert"
    with actor.logo.file.open() as stored, Image.open(stored) as image:
        assert 0x8825 not in image.getexif()
    html = client.get(f"/alpha/acteurs/{actor.slug}/").content.decode()
    assert 'alt="Un arbre vert"' in html
