"""A photo cut during the upload (or a broken file) is refused with a plain
French message by every form that takes a photo, never a 500, and nothing is
stored."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from quartiers.blogs import services as blog_services
from quartiers.directory.models import LocalActor
from quartiers.uploads import photos
from quartiers.uploads.models import PortalImage

pytestmark = pytest.mark.django_db

MESSAGE = "pas une photo lisible"


def _noisy(size=(320, 240)) -> Image.Image:
    image = Image.effect_noise(size, 80).convert("RGB")
    return image


def truncated(fmt: str) -> bytes:
    """A real photo whose second half never arrived."""
    buffer = BytesIO()
    _noisy().save(buffer, format=fmt)
    data = buffer.getvalue()
    return data[: len(data) // 2]


def _file(name="photo.jpg", fmt="JPEG"):
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif"}
    return SimpleUploadedFile(name, truncated(fmt), content_type[fmt])


@pytest.mark.parametrize(
    "name, fmt", [("a.jpg", "JPEG"), ("a.png", "PNG"), ("a.webp", "WEBP")]
)
def test_the_shared_check_refuses_a_cut_photo(name, fmt):
    buffer = BytesIO()
    _noisy().save(buffer, format=fmt)
    cut = SimpleUploadedFile(name, buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(ValidationError) as error:
        photos.validate_photo(cut)
    assert MESSAGE in error.value.messages[0]


def test_a_whole_photo_still_passes():
    buffer = BytesIO()
    _noisy().save(buffer, format="JPEG")
    whole = SimpleUploadedFile("a.jpg", buffer.getvalue())
    assert photos.validate_photo(whole) is whole
    assert whole.tell() == 0


# --- every form of the site that takes a photo ------------------------------


def _avatar(client, portal_a, resident_a, **kwargs):
    client.force_login(resident_a)
    return client.post(
        "/compte/profil/", {"display_name": "Awa", "bio": "", "avatar": _file()}
    )


def _ad(client, portal_a, resident_a, **kwargs):
    client.force_login(resident_a)
    return client.post(
        "/alpha/annonces/deposer/",
        {
            "kind": "gift",
            "category": "enfants",
            "title": "Poussette à donner",
            "text": "Poussette pliable bleue, bon état.",
            "place": "Près de l'école",
            "price": "",
            "photo_alt": "Une poussette bleue",
            "photo_consent": "not_needed",
            "photos": _file(),
        },
    )


def _proposal(client, portal_a, resident_a, **kwargs):
    client.force_login(resident_a)
    return client.post(
        "/alpha/participer/proposer/",
        {
            "title": "Le jardin partagé",
            "text": "Les tomates poussent.",
            "photo_alt": "Des tomates",
            "photo_consent": "not_needed",
            "brouillon": "1",
            "photos": _file(),
        },
    )


def _blog_post(client, portal_a, resident_a, **kwargs):
    blog_services.blog_open(
        portal=portal_a, actor=resident_a, title="Chez Awa", presentation=""
    )
    client.force_login(resident_a)
    return client.post(
        "/alpha/blogs/mon-blog/nouveau-billet/",
        {
            "title": "Photo",
            "text": "Texte.",
            "photo_alt": "Un arbre",
            "photo_people": "none",
            "photo": _file(),
        },
    )


def _event(client, portal_a, resident_a, **kwargs):
    from datetime import timedelta

    from django.utils import timezone

    client.force_login(resident_a)
    return client.post(
        "/alpha/agenda/proposer/",
        {
            "title": "Fête des voisins",
            "date": (timezone.localdate() + timedelta(days=7)).isoformat(),
            "start_time": "18:00",
            "end_time": "22:00",
            "recurrence": "none",
            "place_name": "Square des Tilleuls",
            "is_free": "on",
            "photo_consent": "not_needed",
            "description": "Chacun apporte un plat.",
            "photo_alt": "L'affiche",
            "photo": _file(),
        },
    )


def _actor_logo(client, portal_a, resident_a, partner_a, **kwargs):
    actor = LocalActor.objects.create(
        portal=portal_a,
        name="Maison de quartier Alpha",
        slug="maison-de-quartier-alpha",
        kind=LocalActor.ASSOCIATION,
        status=LocalActor.PUBLISHED,
        address="2 place du Marché",
        postcode="93000",
        town=portal_a.town,
    )
    actor.managers.add(partner_a)
    client.force_login(partner_a)
    return client.post(
        f"/alpha/acteurs/{actor.slug}/modifier/",
        {
            "name": "Maison de quartier Alpha",
            "kind": "association",
            "description": "Accueil et ateliers.",
            "address": "2 place du Marché",
            "postcode": "93000",
            "town": "Bobigny",
            "opening_hours": "Lundi au vendredi",
            "logo_alt": "Un arbre vert",
            "logo_file": _file("logo.jpg"),
        },
    )


def _admin_image(client, portal_a, resident_a, staff_client, animator_a, **kwargs):
    c = staff_client(animator_a)
    return c.post(
        reverse("wagtailimages:add"),
        {
            "title": "Affiche",
            "collection": portal_a.collection.pk,
            "consent": "not_needed",
            "file": _file(),
        },
    )


def _admin_images(client, portal_a, resident_a, staff_client, animator_a, **kwargs):
    """The admin's usual "Ajouter une image" screen sends files one by one."""
    c = staff_client(animator_a)
    return c.post(
        reverse("wagtailimages:add_multiple"),
        {"collection": portal_a.collection.pk, "files[]": _file()},
    )


FORMS = {
    "profile photo": _avatar,
    "classified ad photos": _ad,
    "article proposal photos": _proposal,
    "blog post photo": _blog_post,
    "event proposal photo": _event,
    "local actor logo": _actor_logo,
    "admin image": _admin_image,
    "admin images, several at once": _admin_images,
}


@pytest.fixture
def partner_a(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email="partenaire.alpha@example.org")


@pytest.mark.parametrize("form", FORMS)
def test_every_photo_form_refuses_a_cut_jpeg_with_a_message(
    form, client, portal_a, resident_a, partner_a, staff_client, animator_a
):
    images_before = PortalImage.objects.count()
    response = FORMS[form](
        client,
        portal_a,
        resident_a,
        partner_a=partner_a,
        staff_client=staff_client,
        animator_a=animator_a,
    )
    assert response.status_code in (200, 400), (form, response.status_code)
    assert MESSAGE in response.content.decode(), form
    assert PortalImage.objects.count() == images_before
    resident_a.refresh_from_db()
    assert not resident_a.avatar
