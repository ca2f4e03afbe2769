"""An animator of portal A can never see or touch portal B from the admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model

from quartiers.accounts.models import Membership
from tests.factories import png_bytes

pytestmark = pytest.mark.django_db


def _image(portal, title):
    image = get_image_model()(
        title=title,
        file=SimpleUploadedFile(f"{title}.png", png_bytes()),
        collection=portal.collection,
    )
    image.save()
    return image


def _denied(response):
    # Wagtail answers a forbidden admin page with a redirect to the dashboard
    # and a message, or with 403/404; never with the page itself.
    return response.status_code in (302, 403, 404)


def test_animator_edits_own_pages_but_not_the_other_portals(
    staff_client, animator_a, portal_a, portal_b
):
    client = staff_client(animator_a)
    own = portal_a.home_page.get_children().first()
    other = portal_b.home_page.get_children().first()

    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert _denied(client.get(f"/admin/pages/{other.pk}/edit/"))
    assert _denied(client.get(f"/admin/pages/{portal_b.home_page_id}/edit/"))
    assert _denied(client.post(f"/admin/pages/{other.pk}/edit/", {"title": "Piraté"}))
    other.refresh_from_db()
    assert other.title != "Piraté"


def test_page_explorer_shows_only_the_animators_portal(
    staff_client, animator_a, portal_a, portal_b
):
    client = staff_client(animator_a)
    response = client.get(f"/admin/pages/{portal_a.home_page_id}/")
    assert response.status_code == 200
    assert _denied(client.get(f"/admin/pages/{portal_b.home_page_id}/"))
    html = client.get("/admin/pages/").content.decode()
    assert "Quartier Bêta" not in html


def test_images_are_limited_to_the_portals_collection(
    staff_client, animator_a, portal_a, portal_b
):
    own = _image(portal_a, "fete-alpha")
    other = _image(portal_b, "fete-beta")
    client = staff_client(animator_a)

    listing = client.get("/admin/images/").content.decode()
    assert "fete-alpha" in listing
    assert "fete-beta" not in listing
    assert client.get(f"/admin/images/{own.pk}/").status_code == 200
    assert _denied(client.get(f"/admin/images/{other.pk}/"))
    assert _denied(client.post(f"/admin/images/{other.pk}/delete/"))
    assert get_image_model().objects.filter(pk=other.pk).exists()


def test_settings_and_members_of_another_portal_answer_404(
    staff_client, animator_a, portal_b
):
    client = staff_client(animator_a)
    member_b = Membership.objects.filter(
        portal=portal_b, role=Membership.RESIDENT
    ).first()

    assert client.get(f"/admin/quartiers/{portal_b.pk}/reglages/").status_code == 404
    assert client.get(f"/admin/quartiers/{portal_b.pk}/membres/").status_code == 404
    assert (
        client.get(
            f"/admin/quartiers/{portal_b.pk}/membres/{member_b.pk}/role/"
        ).status_code
        == 404
    )
    response = client.post(
        f"/admin/quartiers/{portal_b.pk}/membres/{member_b.pk}/retirer/"
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=member_b.pk).exists()


def test_member_of_portal_b_cannot_be_reached_through_portal_a(
    staff_client, animator_a, portal_a, portal_b
):
    client = staff_client(animator_a)
    member_b = Membership.objects.filter(
        portal=portal_b, role=Membership.RESIDENT
    ).first()
    url = f"/admin/quartiers/{portal_a.pk}/membres/{member_b.pk}/role/"
    assert client.post(url, {"role": Membership.ANIMATOR}).status_code == 404
    member_b.refresh_from_db()
    assert member_b.role == Membership.RESIDENT


def test_members_list_shows_only_the_portals_members(
    staff_client, animator_a, portal_a
):
    html = (
        staff_client(animator_a)
        .get(f"/admin/quartiers/{portal_a.pk}/membres/")
        .content.decode()
    )
    assert "habitant.alpha@example.org" in html
    assert "habitant.beta@example.org" not in html


def test_animator_promotes_a_resident_to_trusted_then_removes_them(
    staff_client, animator_a, portal_a, resident_a
):
    client = staff_client(animator_a)
    membership = Membership.objects.get(user=resident_a, portal=portal_a)

    response = client.post(
        f"/admin/quartiers/{portal_a.pk}/membres/{membership.pk}/role/",
        {"role": Membership.TRUSTED},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Membership.TRUSTED

    confirm = client.get(
        f"/admin/quartiers/{portal_a.pk}/membres/{membership.pk}/retirer/"
    )
    assert confirm.status_code == 200
    assert Membership.objects.filter(pk=membership.pk).exists()
    client.post(f"/admin/quartiers/{portal_a.pk}/membres/{membership.pk}/retirer/")
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_promoting_to_animator_grants_admin_rights_on_that_portal_only(
    staff_client, animator_a, portal_a, portal_b, resident_a
):
    client = staff_client(animator_a)
    membership = Membership.objects.get(user=resident_a, portal=portal_a)
    client.post(
        f"/admin/quartiers/{portal_a.pk}/membres/{membership.pk}/role/",
        {"role": Membership.ANIMATOR},
    )
    resident_a.refresh_from_db()
    assert resident_a.is_staff
    assert resident_a.groups.filter(pk=portal_a.animator_group_id).exists()
    assert not resident_a.groups.filter(pk=portal_b.animator_group_id).exists()


def test_animator_changes_colours_and_a_too_light_one_is_refused(
    staff_client, animator_a, portal_a
):
    client = staff_client(animator_a)
    url = f"/admin/quartiers/{portal_a.pk}/reglages/"
    data = {
        "name": portal_a.name,
        "town": portal_a.town,
        "presentation": "Nouvelle présentation",
        "primary_color": "#fafa00",
        "accent_color": "#b91c1c",
        "moderation_mode": "after",
        "enabled_sections": portal_a.enabled_sections,
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "trop claire" in refused.content.decode()
    assert "Nouvelle présentation" in refused.content.decode()  # what was typed is kept
    portal_a.refresh_from_db()
    assert portal_a.primary_color != "#fafa00"

    data["primary_color"] = "#14532d"
    assert client.post(url, data).status_code == 302
    portal_a.refresh_from_db()
    assert portal_a.primary_color == "#14532d"
    assert portal_a.moderation_mode == "after"


def test_resident_has_no_admin_access(client, resident_a):
    client.force_login(resident_a)
    response = client.get("/admin/")
    assert response.status_code == 403
    assert "réservé à l'animation" in response.content.decode()


def test_staff_without_totp_is_sent_to_set_it_up(client, animator_a):
    client.force_login(animator_a)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/compte/2fa/totp/activate/" in response["Location"]


def test_coordinator_creates_a_portal_from_the_admin(staff_client, coordinator):
    client = staff_client(coordinator)
    response = client.post(
        "/admin/quartiers/nouveau/",
        {"slug": "la-noue", "name": "La Noue", "town": "Montreuil"},
    )
    assert response.status_code == 302
    refused = client.post(
        "/admin/quartiers/nouveau/",
        {"slug": "admin", "name": "Admin", "town": "Montreuil"},
    )
    assert refused.status_code == 200
    assert "réservé" in refused.content.decode()


def test_animator_cannot_create_a_portal(staff_client, animator_a):
    response = staff_client(animator_a).get("/admin/quartiers/nouveau/")
    assert response.status_code in (302, 403)
