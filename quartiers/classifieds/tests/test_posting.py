"""A resident posts an ad from a phone, follows it, edits, ends or deletes it."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from quartiers.accounts.models import Membership
from quartiers.classifieds.models import Ad, AdPhoto
from quartiers.portals.constants import MODERATION_AFTER
from quartiers.uploads.models import PortalImage
from tests.factories import jpeg_with_gps_bytes

pytestmark = pytest.mark.django_db

URL = "/alpha/annonces/deposer/"


def _photo(name="photo.jpg"):
    return SimpleUploadedFile(name, jpeg_with_gps_bytes(), content_type="image/jpeg")


def test_visitor_is_sent_to_login(client, portal_a):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")


def test_resident_ad_waits_for_review_and_animators_are_told(
    client, resident_a, portal_a, ad_form_data, django_capture_on_commit_callbacks
):
    client.force_login(resident_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, ad_form_data(price="0"))
    ad = Ad.objects.get(author=resident_a)
    assert response.status_code == 302
    assert response["Location"] == "/alpha/annonces/mes-annonces/"
    assert ad.status == Ad.PENDING and ad.portal == portal_a
    assert ad.author_name == "habitant alpha"
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {"animation.alpha@example.org"}
    assert client.get(f"/alpha/annonces/{ad.pk}/").status_code == 404
    mine = client.get("/alpha/annonces/mes-annonces/").content.decode()
    assert "Poussette à donner" in mine and "En attente de relecture" in mine


def test_trusted_contributors_and_after_moderation_portals_publish_at_once(
    client, resident_a, portal_a, ad_form_data, settings
):
    settings.QUARTIERS_AD_LIFETIME_DAYS = 10
    Membership.objects.filter(user=resident_a, portal=portal_a).update(
        role=Membership.TRUSTED
    )
    client.force_login(resident_a)
    response = client.post(URL, ad_form_data())
    ad = Ad.objects.get(author=resident_a)
    assert response["Location"] == f"/alpha/annonces/{ad.pk}/"
    assert ad.status == Ad.PUBLISHED
    assert ad.expires_at - ad.published_at == timedelta(days=10)

    Membership.objects.filter(user=resident_a, portal=portal_a).update(
        role=Membership.RESIDENT
    )
    portal_a.moderation_mode = MODERATION_AFTER
    portal_a.save()
    client.post(URL, ad_form_data(title="Deuxième annonce"))
    assert Ad.objects.get(title="Deuxième annonce").status == Ad.PUBLISHED


def test_photos_are_stored_in_the_portal_collection_without_gps(
    client, resident_a, portal_a, ad_form_data
):
    client.force_login(resident_a)
    response = client.post(
        URL,
        {
            **ad_form_data(photo_alt="Une poussette bleue"),
            "photos": [_photo("a.jpg"), _photo("b.jpg")],
        },
    )
    assert response.status_code == 302
    photos = AdPhoto.objects.filter(ad__author=resident_a).select_related("image")
    assert photos.count() == 2
    image = photos[0].image
    assert image.collection_id == portal_a.collection_id
    assert image.alt_text == "Une poussette bleue"
    with image.file.open() as handle, Image.open(handle) as opened:
        assert not opened.getexif().get_ifd(0x8825)


@pytest.mark.parametrize(
    "changes,files,message",
    [
        ({"title": ""}, None, "Donnez un titre"),
        ({"text": "x" * 200_000}, None, "Votre texte est trop long"),
        ({"place": "12 rue des Lilas"}, None, "adresse exacte"),
        ({"place": "au 3 bis, avenue Jean-Jaurès"}, None, "adresse exacte"),
        ({"place": "93000 Bobigny"}, None, "adresse exacte"),
        ({"price": "-5"}, None, "ne peut pas être négatif"),
        ({"price": "1000000"}, None, "ne peut pas dépasser"),
        ({"price": "douze"}, None, "Indiquez un prix en chiffres"),
        ({"kind": "arnaque"}, None, "Sélectionnez un choix valide"),
        (
            {"photo_alt": "x"},
            {
                "photos": SimpleUploadedFile(
                    "facture.jpg", b"%PDF-1.4 pas une photo", content_type="image/jpeg"
                )
            },
            "pas une photo lisible",
        ),
        (
            {"photo_alt": "x"},
            {"photos": [_photo(f"p{n}.jpg") for n in range(20)]},
            "4 photos au plus",
        ),
        ({}, {"photos": _photo()}, "Décrivez en une phrase"),
    ],
    ids=[
        "empty-title",
        "200k-text",
        "exact-address",
        "exact-address-bis",
        "postcode",
        "negative-price",
        "huge-price",
        "price-in-words",
        "unknown-kind",
        "pdf-renamed-jpg",
        "20-photos",
        "photo-without-description",
    ],
)
def test_bad_input_gets_a_plain_message_and_keeps_what_was_typed(
    client, resident_a, portal_a, ad_form_data, changes, files, message
):
    client.force_login(resident_a)
    data = ad_form_data(**changes)
    response = client.post(URL, {**data, **(files or {})})
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    if len(data["text"]) < 1000:
        assert data["text"] in html
    assert not Ad.objects.filter(author=resident_a).exists()
    assert not PortalImage.objects.filter(uploaded_by_user=resident_a).exists()


@pytest.mark.parametrize(
    "place", ["Rue des Lilas", "Près du marché", "Place du 19 mars 1962", "Bâtiment C"]
)
def test_a_street_or_a_landmark_is_fine(
    client, resident_a, portal_a, ad_form_data, place
):
    client.force_login(resident_a)
    response = client.post(URL, ad_form_data(place=place))
    assert response.status_code == 302, response.content.decode()[:3000]


def test_non_member_is_invited_to_join_first(
    client, resident_b, portal_a, ad_form_data
):
    client.force_login(resident_b)
    page = client.get(URL).content.decode()
    assert "rejoignez d" in page.lower() and "/compte/profil/rejoindre/" in page
    assert f'name="portal" value="{portal_a.pk}"' in page
    response = client.post(URL, ad_form_data())
    assert response.status_code == 403
    assert not Ad.objects.filter(author=resident_b).exists()


def test_posting_is_rate_limited(client, resident_a, portal_a, ad_form_data, settings):
    settings.QUARTIERS_RATE_LIMITS = {
        **settings.QUARTIERS_RATE_LIMITS,
        "ad_post": (2, 3600),
    }
    client.force_login(resident_a)
    statuses = [
        client.post(URL, ad_form_data(title=f"Annonce {n}")).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]


def test_author_edits_own_ad_and_it_goes_back_to_review(
    client, resident_a, portal_a, make_ad, ad_form_data
):
    ad = make_ad(portal_a, resident_a, "Poussette à donner")
    client.force_login(resident_a)
    form = client.get(f"/alpha/annonces/{ad.pk}/modifier/").content.decode()
    assert "Poussette à donner" in form
    response = client.post(
        f"/alpha/annonces/{ad.pk}/modifier/", ad_form_data(title="Poussette bleue")
    )
    ad.refresh_from_db()
    assert response.status_code == 302
    assert ad.title == "Poussette bleue" and ad.status == Ad.PENDING


def test_someone_elses_or_another_portals_ad_answers_404(
    client, resident_a, resident_b, portal_a, portal_b, make_ad, ad_form_data
):
    ad = make_ad(portal_a, resident_a)
    intruder = get_user_model().objects.get(email="partenaire.alpha@example.org")
    client.force_login(intruder)
    for url in (
        f"/alpha/annonces/{ad.pk}/modifier/",
        f"/alpha/annonces/{ad.pk}/supprimer/",
    ):
        assert client.get(url).status_code == 404
    assert (
        client.post(f"/alpha/annonces/{ad.pk}/modifier/", ad_form_data()).status_code
        == 404
    )
    for url in (
        f"/alpha/annonces/{ad.pk}/terminer/",
        f"/alpha/annonces/{ad.pk}/supprimer/",
        f"/alpha/annonces/{ad.pk}/prolonger/",
    ):
        assert client.post(url).status_code == 404
    ad.refresh_from_db()
    assert ad.status == Ad.PUBLISHED and ad.title == "Poussette à donner"

    client.force_login(resident_a)
    assert client.get(f"/beta/annonces/{ad.pk}/modifier/").status_code == 404


def test_mark_done_and_delete_with_confirmation(client, resident_a, portal_a, make_ad):
    done = make_ad(portal_a, resident_a, "Vélo trouvé")
    gone = make_ad(portal_a, resident_a, "Table à donner")
    image = PortalImage.objects.create(
        title="t", file=_photo(), collection=portal_a.collection
    )
    AdPhoto.objects.create(ad=gone, image=image)
    client.force_login(resident_a)

    mine = client.get("/alpha/annonces/mes-annonces/").content.decode()
    assert "Marquer comme terminée" in mine and "Supprimer" in mine

    assert client.post(f"/alpha/annonces/{done.pk}/terminer/").status_code == 302
    done.refresh_from_db()
    assert done.status == Ad.DONE
    assert "Vélo trouvé" not in client.get("/alpha/annonces/").content.decode()

    confirm = client.get(f"/alpha/annonces/{gone.pk}/supprimer/")
    assert confirm.status_code == 200 and "Oui, supprimer" in confirm.content.decode()
    assert Ad.objects.filter(pk=gone.pk).exists()
    assert client.post(f"/alpha/annonces/{gone.pk}/supprimer/").status_code == 302
    assert not Ad.objects.filter(pk=gone.pk).exists()
    assert not PortalImage.objects.filter(pk=image.pk).exists()
    assert client.get(f"/alpha/annonces/{done.pk}/terminer/").status_code == 405


def test_extend_is_offered_when_the_ad_expires_soon(
    client, resident_a, portal_a, make_ad
):
    soon = make_ad(
        portal_a,
        resident_a,
        "Bientôt fini",
        expires_at=timezone.now() + timedelta(days=2),
    )
    make_ad(portal_a, resident_a, "Tout neuf")
    client.force_login(resident_a)
    mine = client.get("/alpha/annonces/mes-annonces/").content.decode()
    assert mine.count("Prolonger") == 1
    client.post(f"/alpha/annonces/{soon.pk}/prolonger/")
    soon.refresh_from_db()
    assert soon.expires_at > timezone.now() + timedelta(days=30)


def test_participate_page_links_to_posting(client, portal_a):
    html = client.get("/alpha/participer/").content.decode()
    assert "Déposer une petite annonce" in html and URL in html


def test_price_accepts_a_french_decimal_comma():
    from django.utils import translation

    from quartiers.classifieds.forms import AdForm

    with translation.override("fr"):
        assert str(AdForm.base_fields["price"].clean("7,50")) == "7.50"
