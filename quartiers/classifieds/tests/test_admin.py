"""Animators see their own portals' ads in the admin, and publish or refuse them."""

import pytest
from django.core import mail

from quartiers.classifieds.models import Ad

pytestmark = pytest.mark.django_db

LISTING = "/admin/snippets/classifieds/ad/"


def test_listing_shows_only_the_animators_portals(
    staff_client, animator_a, portal_a, portal_b, resident_a, resident_b, make_ad
):
    make_ad(portal_a, resident_a, "Annonce Alpha", status=Ad.PENDING)
    make_ad(portal_b, resident_b, "Annonce Bêta", status=Ad.PENDING)
    client = staff_client(animator_a)
    response = client.get(LISTING)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Annonce Alpha" in html and "Annonce Bêta" not in html
    assert "Publier" in html and "Refuser" in html
    filtered = client.get(LISTING + "?status=published").content.decode()
    assert "Annonce Alpha" not in filtered


def test_residents_do_not_reach_the_admin_listing(client, resident_a):
    client.force_login(resident_a)
    assert client.get(LISTING).status_code in (302, 403)


def test_animator_publishes_a_pending_ad_and_the_author_is_told(
    staff_client,
    animator_a,
    portal_a,
    resident_a,
    make_ad,
    django_capture_on_commit_callbacks,
):
    ad = make_ad(
        portal_a, resident_a, status=Ad.PENDING, published_at=None, expires_at=None
    )
    client = staff_client(animator_a)
    assert client.get(f"/admin/annonces/{ad.pk}/publier/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/annonces/{ad.pk}/publier/")
    ad.refresh_from_db()
    assert response.status_code == 302
    assert ad.status == Ad.PUBLISHED and ad.expires_at > ad.published_at
    assert [m.to for m in mail.outbox] == [[resident_a.email]]
    assert "est en ligne" in mail.outbox[0].subject


def test_animator_refuses_with_a_reason(
    staff_client,
    animator_a,
    portal_a,
    resident_a,
    make_ad,
    django_capture_on_commit_callbacks,
):
    ad = make_ad(portal_a, resident_a, status=Ad.PENDING)
    client = staff_client(animator_a)
    empty = client.post(f"/admin/annonces/{ad.pk}/refuser/", {"reason": ""})
    assert empty.status_code == 200 and "Expliquez" in empty.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/annonces/{ad.pk}/refuser/",
            {"reason": "Les ventes d'animaux ne sont pas permises ici."},
        )
    ad.refresh_from_db()
    assert ad.status == Ad.REFUSED
    assert "animaux" in mail.outbox[0].body


def test_another_portals_ad_answers_404_to_an_animator(
    staff_client, animator_a, portal_b, resident_b, make_ad
):
    ad = make_ad(portal_b, resident_b, status=Ad.PENDING)
    client = staff_client(animator_a)
    assert client.get(f"/admin/annonces/{ad.pk}/publier/").status_code == 404
    assert client.post(f"/admin/annonces/{ad.pk}/publier/").status_code == 404
    ad.refresh_from_db()
    assert ad.status == Ad.PENDING
